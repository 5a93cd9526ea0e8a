// Block-max postings for exact top-k keyword search, derived from the FTS5 index.
//
// For every term in at least MIN_DF papers, its papers in paper-id order, in blocks of 128 postings; each block's
// largest BM25 impact (bm25.ts impactOf, at the build's average length and field weights) is stored apart from the
// postings, with the block's last paper id, so a query can skip every block that cannot lift a paper into its top k
// without reading it (block-max WAND / MaxScore, impact-topk.ts). Postings are read a piece (8 blocks) at a time,
// the paper ids apart from the counts and lengths (which only a scored paper needs).
// The bounds stay valid as the index changes: an impact grows at most in proportion to the average length
// (bounds are scaled by max(1, avgdl now / avgdl at build)), and lower field weights only lower it. Rarer terms
// are read live from FTS5 (their doclists are short).
//
// Writes after a build do not touch the lists: a paper written since (new or changed text) is "fresh" and is
// scored from its text; a paper the lists hold whose text changed or that left the index is "dead" and is
// skipped, and the terms it had correct the document frequencies. A rebuild (after large syncs, with the term
// statistics) folds both back in. Nothing here is the truth: deleting the tables only makes search slower.

import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { startWorker } from '../core/worker-threads.js';
import { type ColumnCounts, createCorpusStatsReader, rowLength } from './bm25.js';
import { RANK_TUNING } from './candidates.js';
import { createDocTermReader, type DocTerms } from './doc-terms.js';
import type { ImpactBuildMessage, ImpactBuildRequest } from './impact-build-worker.js';
import {
  commonTerms,
  decodeBounds,
  decodeData,
  decodeIds,
  type EncodedTerm,
  type EncodeSettings,
  encodeTerm,
} from './impact-encode.js';
import { impactTablesDdl } from './index-schema.js';
import { STOP_WORDS } from './stopwords.js';

export const IMPACT_TUNING = {
  /** Terms in fewer papers are read live from FTS5 (≤ ~1,500 instances: about a millisecond). */
  minDf: 1_000,
  /** Below this many papers every query is scored exhaustively by FTS5 (fast there); no lists are built. */
  minDocs: 20_000,
  /** Postings per block (one impact bound each) and blocks per stored piece. */
  blockSize: 128,
  pieceBlocks: 8,
  /** Fresh + dead papers beyond which the lists are rebuilt at the next statistics refresh… */
  rebuildShare: 0.01,
  rebuildMin: 5_000,
  /** …and beyond which queries stop using them (exhaustive FTS5) until then. */
  usableMax: 50_000,
  /** Decoded pieces kept in memory, least recently used dropped first (bytes). Reading a piece from SQLite costs
   *  ~10 µs (a 4 KB blob over overflow pages) and the common terms' pieces are read by most queries: at 1M papers
   *  piece reads were ~45 % of a query's time without this. 0 turns it off. 16 MiB, not more: 128 MiB was ~7 %
   *  faster on the bench's 200 distinct queries, but a full cache of that size alone would take half the server's
   *  250 MiB memory budget (issue 13). */
  cacheBytes: 16 * 2 ** 20,
};

/** A listed term: its number in the set, its build df and, per block, the last paper id and the impact bound at
 *  the build's figures. */
export interface ListedTerm {
  id: number;
  df: number;
  lastDocs: Uint32Array;
  bounds: Float32Array;
}

export type PieceData = ReturnType<typeof decodeData>;

/** Layout and weights the stored lists were built with: another release or weights means they are not built. */
const LAYOUT = 'blocks-3';

/** Pieces of one term are keyed term number × PIECE_KEY + piece. */
const PIECE_KEY = 2 ** 20;

/** What a decoded piece counts for in the piece cache (IMPACT_TUNING.cacheBytes): its arrays' bytes. */
const pieceBytes = (piece: Uint32Array | PieceData) =>
  piece instanceof Uint32Array ? piece.byteLength : piece.counts.byteLength + piece.lengths.byteLength;

/**
 * Content words the Porter stemmer folds onto a stop word's stem ("one" → "on", "Ising" → "is", "others" →
 * "other"; found by stemming every word of the real arXiv samples in shared/data). Those stems get lists like any
 * content term, or a query such as "one dimensional" would be scored by FTS5 over ~650,000 papers at 1M. A
 * sharer missing here is only slower (FTS5 answers), never wrong.
 */
const STEM_SHARERS = ['one', 'ones', 'ising', 'others', 'ups', 'offs'];

export interface ImpactState {
  /** Papers to skip in the lists (dead, or fresh: scored from their text instead). */
  skip: Set<number>;
  fresh: Map<number, DocTerms>;
  /** Terms of fresh papers → the fresh papers holding them, ascending. */
  freshByTerm: Map<string, number[]>;
  /** How many dead papers each list holds (subtracted from the build's df). */
  deadDf: Map<string, number>;
}

const COLUMN: Record<string, number> = { title: 0, abstract: 1, authors: 2, categories: 3 };

/** Statements on one set of tables: "impact" (read by queries) or "impact_next" (filled by a rebuild). */
function tableSet(db: Database.Database, prefix: string) {
  return {
    prefix,
    listed: db.prepare(`SELECT 1 FROM ${prefix}_lists WHERE term = ?`).pluck(),
    isFresh: db.prepare(`SELECT 1 FROM ${prefix}_fresh WHERE paper_id = ?`).pluck(),
    isDead: db.prepare(`SELECT 1 FROM ${prefix}_dead WHERE paper_id = ?`).pluck(),
    addFresh: db.prepare(`INSERT OR IGNORE INTO ${prefix}_fresh (paper_id) VALUES (?)`),
    dropFresh: db.prepare(`DELETE FROM ${prefix}_fresh WHERE paper_id = ?`),
    addDead: db.prepare(`INSERT OR IGNORE INTO ${prefix}_dead (paper_id, terms) VALUES (?, ?)`),
    /** One more list holds a skipped paper (a rebuild's list read after the paper was written). */
    deadIn: db.prepare(
      `INSERT INTO ${prefix}_dead (paper_id, terms) VALUES (?, ?)
       ON CONFLICT (paper_id) DO UPDATE SET terms = terms || ' ' || excluded.terms`,
    ),
    skipped: db.prepare(`SELECT paper_id FROM ${prefix}_fresh UNION SELECT paper_id FROM ${prefix}_dead`).pluck(),
    insertList: db.prepare(`INSERT INTO ${prefix}_lists (term, id, df, blocks, bounds) VALUES (?, ?, ?, ?, ?)`),
    insertPiece: db.prepare(`INSERT INTO ${prefix}_pieces (key, ids, data) VALUES (?, ?, ?)`),
  };
}
type TableSet = ReturnType<typeof tableSet>;

const TABLES = ['lists', 'pieces', 'fresh', 'dead'] as const;

/** Whether an encoded list holds a paper: binary search over the block ends, then that block (pieces decoded once). */
function holdsPaper(enc: EncodedTerm, blockSize: number, pieceBlocks: number): (paperId: number) => boolean {
  const { lastDocs } = decodeBounds(enc.bounds, enc.blocks);
  const pieces = new Map<number, Uint32Array>();
  return (paperId) => {
    let lo = 0;
    let hi = enc.blocks - 1;
    if (enc.blocks === 0 || paperId > lastDocs[hi]!) return false;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lastDocs[mid]! >= paperId) hi = mid;
      else lo = mid + 1;
    }
    const p = Math.floor(lo / pieceBlocks);
    let docs = pieces.get(p);
    if (!docs) {
      docs = decodeIds(enc.pieces[p]!.ids);
      pieces.set(p, docs);
    }
    const start = (lo % pieceBlocks) * blockSize;
    const end = Math.min(docs.length, start + blockSize);
    for (let i = start; i < end; i++) if (docs[i] === paperId) return true;
    return false;
  };
}

export function createImpactIndex(db: Database.Database, options: { file?: string | null } = {}) {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.impact_instance USING fts5vocab(main, fts, instance)');
  const corpus = createCorpusStatsReader(db);
  const docTerms = createDocTermReader(db);
  const readMeta = db.prepare("SELECT value FROM meta WHERE key = 'impact_weights'").pluck();
  const writeMeta = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('impact_weights', ?)");
  const dropMeta = db.prepare("DELETE FROM meta WHERE key = 'impact_weights'");
  const readAvgdl = db.prepare("SELECT value FROM meta WHERE key = 'impact_avgdl'").pluck();
  const writeAvgdl = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('impact_avgdl', ?)");
  const listRow = db.prepare('SELECT id, df, blocks, bounds FROM impact_lists WHERE term = ?').raw();
  const idsRow = db.prepare('SELECT ids FROM impact_pieces WHERE key = ?').pluck();
  const dataRow = db.prepare('SELECT data FROM impact_pieces WHERE key = ?').pluck();
  const liveInstances = db.prepare('SELECT doc, col FROM temp.impact_instance WHERE term = ?').raw();
  const docSize = db.prepare('SELECT sz FROM fts_docsize WHERE id = ?').pluck();
  const existing = db.prepare('SELECT paper_id FROM docs WHERE paper_id IN (SELECT value FROM json_each(?))').pluck();
  const texts = db
    .prepare(
      `SELECT f.rowid, f.title || char(1) || f.abstract || char(1) || f.authors || char(1) || f.categories
       FROM json_each(?) j CROSS JOIN fts f ON f.rowid = j.value`,
    )
    .raw();
  const countPending = db
    .prepare('SELECT (SELECT count(*) FROM impact_fresh) + (SELECT count(*) FROM impact_dead)')
    .pluck();
  const live = tableSet(db, 'impact');
  const weightsKey = () => JSON.stringify([LAYOUT, RANK_TUNING.weights, RANK_TUNING.scale]);
  let state: ImpactState | null = null;
  // Decoded pieces by (piece key × 2 + 0 for ids, 1 for data), in use order. Lists never change once stored; a
  // swap (new term numbers) or another connection's commit empties it.
  const pieceCache = new Map<number, Uint32Array | PieceData>();
  let cachedBytes = 0;
  const clearCache = () => {
    pieceCache.clear();
    cachedBytes = 0;
  };
  const cachedPiece = <T extends Uint32Array | PieceData>(key: number, load: () => T): T => {
    const hit = pieceCache.get(key) as T | undefined;
    if (hit) {
      pieceCache.delete(key);
      pieceCache.set(key, hit);
      return hit;
    }
    const value = load();
    const size = pieceBytes(value);
    if (size > IMPACT_TUNING.cacheBytes) return value;
    pieceCache.set(key, value);
    cachedBytes += size;
    for (const [k, v] of pieceCache) {
      if (cachedBytes <= IMPACT_TUNING.cacheBytes) break;
      pieceCache.delete(k);
      cachedBytes -= pieceBytes(v);
    }
    return value;
  };
  // Another connection's commit (a second process on the same file) also invalidates what was loaded.
  let dataVersion = -1;
  /** The rebuild under way: the set it fills, and whether a write could not be followed in it. */
  let next: {
    set: TableSet;
    broken: boolean;
    misfits: Map<number, Set<string>>;
    worker: Worker | null;
    /** Lists stored so far (numbers them). */
    terms: number;
  } | null = null;

  const built = () => readMeta.get() === weightsKey();

  const loadState = (): ImpactState => {
    const version = Number(db.pragma('data_version', { simple: true }));
    if (state && version === dataVersion) return state;
    if (version !== dataVersion) clearCache();
    dataVersion = version;
    const freshIds = db.prepare('SELECT paper_id FROM impact_fresh ORDER BY paper_id').pluck().all() as number[];
    const fresh = docTerms(freshIds);
    const freshByTerm = new Map<string, number[]>();
    for (const doc of freshIds) {
      const entry = fresh.get(doc);
      if (!entry) continue;
      for (const term of entry.terms.keys()) {
        const list = freshByTerm.get(term);
        if (list) list.push(doc);
        else freshByTerm.set(term, [doc]);
      }
    }
    const deadDf = new Map<string, number>();
    const skip = new Set<number>(freshIds);
    for (const row of db.prepare('SELECT paper_id, terms FROM impact_dead').raw().iterate() as Iterable<
      [number, string]
    >) {
      skip.add(row[0]);
      for (const t of row[1].split(' ')) if (t) deadDf.set(t, (deadDf.get(t) ?? 0) + 1);
    }
    state = { skip, fresh, freshByTerm, deadDf };
    return state;
  };

  /** The stems of the stop words, less those content words share (STEM_SHARERS). */
  const stopStems = () => {
    const stemsOf = (words: readonly string[]) => {
      db.prepare('INSERT INTO temp.doc_scratch (rowid, title) VALUES (1, ?)').run(words.join(' '));
      const stems = db.prepare('SELECT term FROM temp.doc_scratch_terms').pluck().all() as string[];
      db.prepare("INSERT INTO temp.doc_scratch (doc_scratch) VALUES ('delete-all')").run();
      return stems;
    };
    const shared = new Set(stemsOf(STEM_SHARERS));
    return new Set(stemsOf([...STOP_WORDS]).filter((stem) => !shared.has(stem)));
  };

  const settings = (avgdl: number): EncodeSettings => ({
    blockSize: IMPACT_TUNING.blockSize,
    pieceBlocks: IMPACT_TUNING.pieceBlocks,
    weights: RANK_TUNING.weights.map((x) => x * RANK_TUNING.scale),
    avgdl,
  });

  /** Empty "impact_next" tables; from now on every write is followed there too (track). */
  const startNext = () => {
    for (const t of TABLES) db.exec(`DROP TABLE IF EXISTS impact_next_${t}`);
    db.exec(impactTablesDdl('impact_next'));
    next = { set: tableSet(db, 'impact_next'), broken: false, misfits: new Map(), worker: null, terms: 0 };
    return next;
  };

  const dropNext = () => {
    next?.worker?.terminate().catch(() => {});
    next = null;
    for (const t of TABLES) db.exec(`DROP TABLE IF EXISTS impact_next_${t}`);
  };

  /** Stores one encoded list in the rebuild's set. Papers written since the rebuild started are skipped there;
   *  a list read after such a write may hold them, so each one it holds is counted dead in it (df stays exact). */
  const storeNext = (term: string, enc: EncodedTerm) => {
    const n = next!;
    db.transaction(() => {
      const id = ++n.terms;
      n.set.insertList.run(term, id, enc.df, enc.blocks, enc.bounds);
      enc.pieces.forEach((piece, i) => {
        n.set.insertPiece.run(id * PIECE_KEY + i, piece.ids, piece.data);
      });
      const skipped = n.set.skipped.all() as number[];
      if (skipped.length > 0) {
        const holds = holdsPaper(enc, IMPACT_TUNING.blockSize, IMPACT_TUNING.pieceBlocks);
        for (const id of skipped) if (holds(id)) n.set.deadIn.run(id, term);
      }
    })();
    for (const doc of enc.misfits) {
      const set = n.misfits.get(doc) ?? new Set<string>();
      set.add(term);
      n.misfits.set(doc, set);
    }
  };

  /** Makes the rebuild's set the one queries read (renames only); returns whether it did. */
  const swapNext = (avgdl: number): boolean => {
    const n = next;
    if (!n) return false;
    if (n.broken) {
      dropNext();
      return false;
    }
    db.transaction(() => {
      // Papers that fit no posting: scored from their text, and skipped in the lists that hold them.
      const misfits = [...n.misfits.keys()].filter(
        (id) => n.set.isFresh.get(id) === undefined && n.set.isDead.get(id) === undefined,
      );
      for (const [doc, entry] of docTerms(misfits)) {
        const inLists = [...entry.terms.keys()].filter(
          (t) => !n.misfits.get(doc)!.has(t) && n.set.listed.get(t) !== undefined,
        );
        n.set.addDead.run(doc, inLists.join(' '));
        n.set.addFresh.run(doc);
      }
      for (const t of TABLES) db.exec(`DROP TABLE IF EXISTS impact_old_${t}`);
      for (const t of TABLES) db.exec(`ALTER TABLE impact_${t} RENAME TO impact_old_${t}`);
      for (const t of TABLES) db.exec(`ALTER TABLE impact_next_${t} RENAME TO impact_${t}`);
      writeMeta.run(weightsKey());
      writeAvgdl.run(String(avgdl));
    })();
    next = null;
    state = null;
    clearCache();
    return true;
  };

  /** Drops the replaced lists; in steps with the event loop free between them when asked to. */
  const dropOld = async (stepwise: boolean) => {
    if (stepwise) {
      const step = db.prepare(
        'DELETE FROM impact_old_pieces WHERE rowid IN (SELECT rowid FROM impact_old_pieces LIMIT 200)',
      );
      while (
        db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'impact_old_pieces'").get() &&
        step.run().changes > 0
      ) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    for (const t of TABLES) db.exec(`DROP TABLE IF EXISTS impact_old_${t}`);
  };

  /** Rebuilds every list from FTS5 in one transaction (bulk callers and tests; readers keep the old lists). */
  const rebuild = () => {
    if (next) dropNext();
    db.transaction(() => {
      state = null;
      const { rows, avgdl } = corpus();
      if (rows < IMPACT_TUNING.minDocs) {
        clearCache();
        db.exec(
          'DELETE FROM impact_pieces; DELETE FROM impact_lists; DELETE FROM impact_fresh; DELETE FROM impact_dead',
        );
        dropMeta.run();
        return;
      }
      startNext();
      // Row lengths of every paper, read once (4 MB at 1M papers).
      const lengths = readLengths();
      const s = settings(avgdl);
      for (const term of commonTerms(db, { rows, minDf: IMPACT_TUNING.minDf, stop: stopStems() })) {
        const enc = encodeTerm(liveInstances.all(term) as [number, string][], lengths, s, IMPACT_TUNING.minDf);
        if (enc) storeNext(term, enc);
      }
      swapNext(avgdl);
      for (const t of TABLES) db.exec(`DROP TABLE IF EXISTS impact_old_${t}`);
    })();
  };

  const readLengths = () => {
    const maxId = Number(db.prepare('SELECT coalesce(max(id), 0) FROM fts_docsize').pluck().get());
    const lengthOf = new Uint32Array(maxId + 1);
    for (const [id, sz] of db.prepare('SELECT id, sz FROM fts_docsize').raw().iterate() as Iterable<[number, Buffer]>) {
      lengthOf[id] = rowLength(sz);
    }
    return (id: number) => lengthOf[id] || rowLength((docSize.get(id) as Buffer | undefined) ?? Buffer.alloc(0));
  };

  /**
   * The same rebuild with the reading and encoding on a worker thread (impact-build-worker.ts, its own read-only
   * connection): this thread only stores each finished list, in its own short transaction, and follows the writes
   * made meanwhile. Resolves with whether the new lists replaced the old ones.
   */
  const rebuildInBackground = async (input: { signal?: AbortSignal } = {}): Promise<boolean> => {
    if (next) return false;
    if (!options.file) {
      rebuild();
      return true;
    }
    const { rows, avgdl } = corpus();
    if (rows < IMPACT_TUNING.minDocs) {
      rebuild();
      return true;
    }
    const n = startNext();
    const request: ImpactBuildRequest = {
      dbFile: options.file,
      rows,
      stop: [...stopStems()],
      settings: settings(avgdl),
      minDf: IMPACT_TUNING.minDf,
    };
    const worker = startWorker(new URL('./impact-build-worker.js', import.meta.url), request);
    n.worker = worker;
    const finished = await new Promise<boolean>((resolve) => {
      const stop = () => resolve(false);
      input.signal?.addEventListener('abort', stop, { once: true });
      worker.on('message', (message: ImpactBuildMessage) => {
        if (next !== n) return resolve(false);
        if ('term' in message) storeNext(message.term, message.encoded);
        else if ('error' in message) resolve(false);
        else resolve(true);
      });
      worker.on('error', () => resolve(false));
      worker.on('exit', () => resolve(false));
    });
    if (!finished || next !== n) {
      if (next === n) dropNext();
      return false;
    }
    await worker.terminate();
    if (!swapNext(avgdl)) return false;
    await dropOld(true);
    return true;
  };

  const listedSets = (): TableSet[] => {
    const sets: TableSet[] = [];
    if (built()) sets.push(live);
    if (next && !next.broken) sets.push(next.set);
    return sets;
  };

  return {
    built,
    rebuild,
    rebuildInBackground,
    /** Whether a rebuild is under way (rebuildInBackground). */
    building: () => next !== null,
    /** Whether the lists are worth rebuilding (many papers written since the last build). */
    stale(): boolean {
      if (next) return false;
      const rows = corpus().rows;
      if (!built()) return rows >= IMPACT_TUNING.minDocs;
      const pending = Number(countPending.get());
      return pending > Math.max(IMPACT_TUNING.rebuildMin, IMPACT_TUNING.rebuildShare * rows);
    },
    /** Whether queries can use the lists now. */
    usable(): boolean {
      return built() && loadState().skip.size <= IMPACT_TUNING.usableMax;
    },
    corpus,
    /** The average row length the stored bounds were computed at (they scale with the current one). */
    buildAvgdl: () => Number(readAvgdl.get() ?? 0),
    state: loadState,
    docTerms,
    /** A listed term's build df and block bounds, or null (a rare term: read it live). */
    term(stem: string): ListedTerm | null {
      const row = listRow.get(stem) as [number, number, number, Buffer] | undefined;
      if (!row) return null;
      const { lastDocs, bounds } = decodeBounds(row[3], row[2]);
      return { id: row[0], df: row[1], lastDocs, bounds };
    },
    /** Piece `i` of a listed term: its paper ids. */
    pieceIds(term: ListedTerm, i: number): Uint32Array {
      const key = term.id * PIECE_KEY + i;
      return cachedPiece(key * 2, () => decodeIds(idsRow.get(key) as Buffer));
    },
    /** Piece `i` of a listed term: its papers' column counts and row lengths. */
    pieceData(term: ListedTerm, i: number): PieceData {
      const key = term.id * PIECE_KEY + i;
      return cachedPiece(key * 2 + 1, () => decodeData(dataRow.get(key) as Buffer));
    },
    /** Every live posting of a (rare) term straight from FTS5, in paper order, with row lengths. */
    live(stem: string): { docs: number[]; counts: ColumnCounts[]; lengths: number[] } {
      const docs: number[] = [];
      const counts: number[][] = [];
      for (const [doc, c] of liveInstances.iterate(stem) as Iterable<[number, string]>) {
        if (docs[docs.length - 1] !== doc) {
          docs.push(doc);
          counts.push([0, 0, 0, 0]);
        }
        counts[counts.length - 1]![COLUMN[c]!]!++;
      }
      return {
        docs,
        counts: counts as unknown as ColumnCounts[],
        lengths: docs.map((d) => rowLength(docSize.get(d) as Buffer)),
      };
    },
    /**
     * Runs a write to the index and records what it did to the lists (and to a rebuild's lists): papers they hold
     * whose text changed or that left become dead (with the lists holding them), papers with new text fresh.
     */
    track<T>(paperIds: readonly number[], write: () => T, textAfter?: (paperId: number) => string | undefined): T {
      const sets = listedSets();
      if (sets.length === 0) return write();
      return db.transaction(() => {
        const ids = JSON.stringify(paperIds);
        const before = new Map(texts.all(ids) as [number, string][]);
        // Only listed papers whose text changes need their old terms (≈ 250 µs each): a write that only moved
        // votes or flags costs two reads per paper.
        const coveredIn = sets.map(
          (set) =>
            new Set(
              [...before.keys()].filter(
                (id) =>
                  set.isFresh.get(id) === undefined &&
                  set.isDead.get(id) === undefined &&
                  (textAfter === undefined || textAfter(id) !== before.get(id)),
              ),
            ),
        );
        const oldTerms = docTerms([...new Set(coveredIn.flatMap((c) => [...c]))]);
        const result = write();
        const after = new Map(texts.all(ids) as [number, string][]);
        const present = new Set(existing.all(ids) as number[]);
        sets.forEach((set, s) => {
          const covered = coveredIn[s]!;
          for (const id of paperIds) {
            const now = present.has(id) ? after.get(id) : undefined;
            if (now === before.get(id)) continue;
            if (covered.has(id)) {
              const unfit = set === live ? undefined : next?.misfits.get(id);
              const held = [...(oldTerms.get(id)?.terms.keys() ?? [])].filter(
                (t) => set.listed.get(t) && !unfit?.has(t),
              );
              set.addDead.run(id, held.join(' '));
            } else if (before.has(id) && set.isFresh.get(id) === undefined && set.isDead.get(id) === undefined) {
              // textAfter guessed wrong: the old terms are gone, so the lists cannot be corrected for this paper.
              // They stop answering (exhaustive path, still exact) until the next rebuild, which stale() asks for.
              if (set === live) dropMeta.run();
              else if (next) next.broken = true;
            }
            if (now === undefined) set.dropFresh.run(id);
            else set.addFresh.run(id);
          }
        });
        state = null;
        return result;
      })();
    },
    close: () => {
      if (next) dropNext();
    },
  };
}

export type ImpactIndex = ReturnType<typeof createImpactIndex>;
