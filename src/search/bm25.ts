// BM25 exactly as SQLite FTS5's bm25() computes it (fts5_aux.c), so that rankings computed here and rankings
// computed by FTS5 are the same ranking: k1 = 1.2, b = 0.75, one term frequency per term summed over the
// columns with their weights, D = the row's tokens in all columns, avgdl = all tokens / rows, and
// idf = ln((N − df + 0.5) / (df + 0.5)), floored at 1e-6. N and the token total are FTS5's own ("averages"
// record), so scores follow the live index after every write.
import type Database from 'better-sqlite3';
import { RANK_TUNING } from './candidates.js';

const K1 = 1.2;
const B = 0.75;

/** Term counts of one paper for one term, by FTS5 column (title, abstract, authors, categories). */
export type ColumnCounts = readonly [number, number, number, number];

export interface CorpusStats {
  rows: number;
  avgdl: number;
}

export function idf({ rows, df }: { rows: number; df: number }): number {
  const value = Math.log((rows - df + 0.5) / (df + 0.5));
  return value <= 0 ? 1e-6 : value;
}

/** The weighted term frequency FTS5 sums per matched instance (weights scaled as the ranking does). */
export function weightedTf(counts: ColumnCounts, weights: readonly number[] = RANK_TUNING.weights): number {
  const s = RANK_TUNING.scale;
  return (
    counts[0] * weights[0]! * s +
    counts[1] * weights[1]! * s +
    counts[2] * weights[2]! * s +
    counts[3] * weights[3]! * s
  );
}

/** One term's BM25 contribution without its idf: what FTS5 multiplies aIDF[i] by. */
export function termImpact({ tf, length, avgdl }: { tf: number; length: number; avgdl: number }): number {
  return impactOf(tf, length, avgdl);
}

/** termImpact without the argument object, for inner loops over postings. */
export function impactOf(tf: number, length: number, avgdl: number): number {
  return (tf * (K1 + 1.0)) / (tf + K1 * (1 - B + (B * length) / avgdl));
}

/** FTS5's corpus figures: row count and average row length in tokens, read from its averages record. */
export function createCorpusStatsReader(db: Database.Database) {
  const averages = db.prepare('SELECT block FROM fts_data WHERE id = 1').pluck();
  return (): CorpusStats => {
    const block = averages.get() as Buffer | undefined;
    if (!block) return { rows: 0, avgdl: 1 };
    const values = readVarints(block);
    const rows = values[0] ?? 0;
    const tokens = values.slice(1).reduce((a, b) => a + b, 0);
    return { rows, avgdl: rows > 0 ? tokens / rows : 1 };
  };
}

/** Row lengths (tokens in all columns) from FTS5's docsize table: one varint per column. */
export function rowLength(sz: Buffer): number {
  return readVarints(sz).reduce((a, b) => a + b, 0);
}

// SQLite's varint: big-endian groups of 7 bits, high bit set on every byte but the last (9th byte: 8 bits).
export function readVarints(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    let value = 0;
    let n = 0;
    for (;;) {
      const byte = buf[i++]!;
      n++;
      if (n === 9) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80 || i >= buf.length) break;
    }
    out.push(value);
  }
  return out;
}
