// One term's postings in the stored layout (impact-index.ts): paper order, blocks of IMPACT_TUNING.blockSize with
// each block's last paper id and impact bound, postings a piece (pieceBlocks blocks) at a time in two blobs: the
// paper ids (gaps, ~1 byte each for a common term: all a membership test reads) and the counts and row lengths
// (6 bytes each, read only when a paper of the piece is scored). Pure, so that the build can run on a worker thread
// (impact-build-worker.ts) as well as in place.
import type Database from 'better-sqlite3';
import { impactOf } from './bm25.js';

/** How a build lays postings out; the worker gets the same figures as the thread that asked it. */
export interface EncodeSettings {
  blockSize: number;
  pieceBlocks: number;
  /** Weighted field weights (weights × scale) the bounds are computed with. */
  weights: readonly number[];
  avgdl: number;
}

export interface EncodedTerm {
  df: number;
  blocks: number;
  /** Per block: last paper id (Uint32) then impact bound (Float32), blocks × 8 bytes. */
  bounds: Buffer;
  pieces: EncodedPiece[];
  /** Papers left out of this list because a count or the length does not fit a posting (scored from text). */
  misfits: number[];
}

/** One piece: its paper ids (Uint32) and, apart, their column counts (Uint32) then row lengths (Uint16). */
export interface EncodedPiece {
  ids: Buffer;
  data: Buffer;
}

const LIMITS = [255, 1023, 127, 127] as const;
const COLUMN: Record<string, number> = { title: 0, abstract: 1, authors: 2, categories: 3 };

/** A bound must never be below the impact it bounds: Float32 rounding is at most 6e-8 relative. */
const ROUND_UP = 1 + 1e-6;

/**
 * `instances` are FTS5's (doc, column) instance rows of one term, in paper order; `lengthOf` gives a paper's row
 * length in tokens. Returns null when fewer than `minDf` papers fit.
 */
export function encodeTerm(
  instances: readonly [number, string][],
  lengthOf: (paperId: number) => number,
  settings: EncodeSettings,
  minDf: number,
): EncodedTerm | null {
  const docs = new Uint32Array(instances.length);
  const counts = new Uint16Array(instances.length * 4);
  let n = 0;
  for (const [doc, col] of instances) {
    if (n === 0 || docs[n - 1] !== doc) docs[n++] = doc;
    counts[(n - 1) * 4 + COLUMN[col]!]!++;
  }
  const w = settings.weights;
  const misfits: number[] = [];
  const keptDocs = new Uint32Array(n);
  const keptCounts = new Uint32Array(n);
  const keptLengths = new Uint16Array(n);
  const impacts = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = counts.subarray(i * 4, i * 4 + 4);
    const len = lengthOf(docs[i]!);
    if (len > 0xffff || c[0]! > LIMITS[0] || c[1]! > LIMITS[1] || c[2]! > LIMITS[2] || c[3]! > LIMITS[3]) {
      misfits.push(docs[i]!);
      continue;
    }
    keptDocs[m] = docs[i]!;
    keptCounts[m] = (c[0]! | (c[1]! << 8) | (c[2]! << 18) | (c[3]! << 25)) >>> 0;
    keptLengths[m] = len;
    impacts[m] = impactOf(c[0]! * w[0]! + c[1]! * w[1]! + c[2]! * w[2]! + c[3]! * w[3]!, len, settings.avgdl);
    m++;
  }
  if (m < minDf) return null;
  const { blockSize, pieceBlocks } = settings;
  const blocks = Math.ceil(m / blockSize);
  const bounds = Buffer.alloc(blocks * 8);
  const lastDocs = new Uint32Array(bounds.buffer, bounds.byteOffset, blocks);
  const maxima = new Float32Array(bounds.buffer, bounds.byteOffset + blocks * 4, blocks);
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(m, (b + 1) * blockSize);
    let max = 0;
    for (let i = b * blockSize; i < end; i++) if (impacts[i]! > max) max = impacts[i]!;
    lastDocs[b] = keptDocs[end - 1]!;
    maxima[b] = max * ROUND_UP;
  }
  const pieces: EncodedPiece[] = [];
  const per = blockSize * pieceBlocks;
  for (let start = 0; start < m; start += per) {
    const k = Math.min(per, m - start);
    const ids = encodeIds(keptDocs.subarray(start, start + k));
    const data = Buffer.alloc(k * 6);
    new Uint32Array(data.buffer, data.byteOffset, k).set(keptCounts.subarray(start, start + k));
    new Uint16Array(data.buffer, data.byteOffset + k * 4, k).set(keptLengths.subarray(start, start + k));
    pieces.push({ ids, data });
  }
  return { df: m, blocks, bounds, pieces, misfits };
}

/** The bounds blob back as arrays (copied: a Buffer from SQLite need not be aligned). */
export function decodeBounds(blob: Uint8Array, blocks: number): { lastDocs: Uint32Array; bounds: Float32Array } {
  const [ab, at] = aligned(blob);
  return { lastDocs: new Uint32Array(ab, at, blocks), bounds: new Float32Array(ab, at + blocks * 4, blocks) };
}

/** The blob's bytes where typed arrays can view them: in place when 4-byte aligned (a blob read from SQLite comes
 *  in a buffer of its own), else a copy. */
function aligned(blob: Uint8Array): [ArrayBufferLike, number] {
  if (blob.byteOffset % 4 === 0) return [blob.buffer, blob.byteOffset];
  return [blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.length), 0];
}

/** A piece's paper ids back as an array (in place when aligned). */
export function decodeIds(blob: Uint8Array): Uint32Array {
  // One inlined loop, a one-byte gap first (nearly all of a common term's): this runs for every piece read.
  let at = 0;
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    const b = blob[at++]!;
    n += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  const docs = new Uint32Array(n);
  let doc = 0;
  for (let i = 0; i < n; i++) {
    let b = blob[at++]!;
    if (b < 0x80) doc += b;
    else {
      let gap = b & 0x7f;
      let scale = 128;
      for (;;) {
        b = blob[at++]!;
        gap += (b & 0x7f) * scale;
        if (b < 0x80) break;
        scale *= 128;
      }
      doc += gap;
    }
    docs[i] = doc;
  }
  return docs;
}

/** Ascending paper ids as their count then the gaps between them, 7 bits a byte (LEB128): a common term's gaps
 *  take one byte, so a 1,024-posting piece fits in one SQLite page (~1.3 KB) instead of spilling 4 KB over two. */
export function encodeIds(docs: Uint32Array): Buffer {
  const out = Buffer.alloc(5 * (docs.length + 1));
  let at = 0;
  const put = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      out[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    out[at++] = v;
  };
  put(docs.length);
  let prev = 0;
  for (const doc of docs) {
    put(doc - prev);
    prev = doc;
  }
  return Buffer.from(out.subarray(0, at));
}

/** A piece's column counts and row lengths back as arrays (in place when aligned). */
export function decodeData(blob: Uint8Array): { counts: Uint32Array; lengths: Uint16Array } {
  const n = blob.length / 6;
  const [ab, at] = aligned(blob);
  return { counts: new Uint32Array(ab, at, n), lengths: new Uint16Array(ab, at + n * 4, n) };
}

/**
 * The terms worth a list: common in the df snapshot (a full vocabulary scan costs tens of seconds at 1M), stop
 * words excepted (they never reach a query beside content words, query-plan.ts, and would be the longest). A term
 * the snapshot misses is only slower (read live), never wrong.
 */
export function commonTerms(
  db: Database.Database,
  { rows, minDf, stop }: { rows: number; minDf: number; stop: ReadonlySet<string> },
): string[] {
  const snapshot = Number(db.prepare("SELECT value FROM meta WHERE key = 'stats_docs'").pluck().get() ?? 0);
  const common = (
    snapshot > 0
      ? db
          .prepare('SELECT term FROM term_stats WHERE df * ? >= ?')
          .pluck()
          .all(rows / snapshot, minDf / 2)
      : db.prepare('SELECT term FROM fts_row WHERE doc >= ?').pluck().all(minDf)
  ) as string[];
  return common.filter((t) => !stop.has(t));
}
