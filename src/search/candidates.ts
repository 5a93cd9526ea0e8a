// Fetches the scored candidate rows for one MATCH string. FTS5 scores every row it returns and has no top-k
// pruning: the cost of a query is (a) one doclist walk per term for bm25()'s IDF and (b) a few µs per scored row.
// Keyword search by relevance reads every match (`cap: null`) only when the impact lists cannot answer
// (impact-topk.ts: small corpora, phrases, fielded terms); newest/upvotes orders and more-like-this read at most
// `candidateCap` rows, newest paperId first, and re-sort those.
import type Database from 'better-sqlite3';
import type { SqlCondition } from './filters.js';

export const RANK_TUNING = {
  /** bm25() column weights (title, abstract, authors, categories), tuned on SciFact train. */
  weights: [3, 1, 1, 1] as [number, number, number, number],
  /** Scaling every weight by s is BM25 with k1 = 1.2 / s (FTS5 fixes k1 = 1.2); tuned on SciFact train. */
  scale: 1,
  /** Rows read, newest first, for the orders that are not relevance and for more-like-this (≈3 µs each at 1M). */
  candidateCap: { and: 1_000, or: 5_000 } as Record<'and' | 'or', number>,
};

export interface Candidate {
  paperId: number;
  arxivId: string;
  score: number;
  primaryCategory: string;
  year: number;
  hasCode: boolean;
  publishedAt: string;
  upvotes: number;
  /** Every category of the paper as arXiv writes it (facets count cross-lists, as the category filter does). */
  categories: string[];
  /** Author names joined by ", " (author-name.ts). */
  authors: string;
}

type Row = [number, string, number, string, number, number, string, number, string, string];

export function createCandidateReader(db: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  const weightSql = (weights: readonly number[]) => weights.map((w) => String(w * RANK_TUNING.scale)).join(', ');

  // Author names are read only for queries that may be a name (author-name.ts): they are the longest column here.
  const statement = (where: string, weights: readonly number[], authors: boolean) => {
    const key = `${weightSql(weights)}|${authors}|${where}`;
    let st = cache.get(key);
    if (!st) {
      st = db
        .prepare(
          `SELECT f.rowid, d.arxiv_id, bm25(fts, ${weightSql(weights)}), d.primary_category, d.year, d.has_code,
                  d.published_at, d.upvotes, d.categories, ${authors ? 'd.authors' : "''"}
           FROM fts f CROSS JOIN docs d ON d.paper_id = f.rowid
           WHERE fts MATCH ? AND ${where}
           ORDER BY f.rowid DESC LIMIT ?`,
        )
        .raw();
      cache.set(key, st);
    }
    return st;
  };

  const counters = new Map<string, Database.Statement>();
  const counter = (where: string) => {
    let st = counters.get(where);
    if (!st) {
      st = db
        .prepare(
          `SELECT count(*) FROM (SELECT 1 FROM fts f CROSS JOIN docs d ON d.paper_id = f.rowid
           WHERE fts MATCH ? AND ${where} LIMIT ?)`,
        )
        .pluck();
      counters.set(where, st);
    }
    return st;
  };

  const byIdSql = (authors: boolean) =>
    `SELECT d.paper_id, d.arxiv_id, 0, d.primary_category, d.year, d.has_code, d.published_at, d.upvotes, d.categories,
            ${authors ? 'd.authors' : "''"}
     FROM docs d WHERE d.paper_id IN (SELECT value FROM json_each(?))`;
  // Author names are the longest column: read only for queries that may be a name, as in `statement`.
  const byId = { with: db.prepare(byIdSql(true)).raw(), without: db.prepare(byIdSql(false)).raw() };

  const tops = new Map<string, Database.Statement>();
  const top = (where: string, weights: readonly number[]) => {
    const key = `${weightSql(weights)}|${where}`;
    let st = tops.get(key);
    if (!st) {
      // Only the top k leave SQLite: FTS5 still scores every match, but no row object is built for the rest.
      const join = where === '1' ? '' : 'CROSS JOIN docs d ON d.paper_id = f.rowid';
      st = db
        .prepare(
          `SELECT f.rowid, bm25(fts, ${weightSql(weights)}) AS s FROM fts f ${join}
           WHERE fts MATCH ? AND ${where} ORDER BY s, f.rowid DESC LIMIT ?`,
        )
        .raw();
      tops.set(key, st);
    }
    return st;
  };

  return {
    /** The exhaustive BM25 top `k` of a MATCH string under a filter, as hits (higher score is better). */
    topOf({
      match,
      filter,
      k,
      weights = RANK_TUNING.weights,
    }: {
      match: string;
      filter: SqlCondition;
      k: number;
      weights?: readonly number[];
    }): { paperId: number; score: number }[] {
      const rows = top(filter.sql, weights).all(match, ...filter.params, k) as [number, number][];
      return rows.map(([paperId, s]) => ({ paperId, score: -s }));
    },
    /** Candidate rows of given papers with the given scores (the exact top k of impact-topk.ts), in that order. */
    rowsOf(hits: readonly { paperId: number; score: number }[], { authors = true } = {}): Candidate[] {
      const found = new Map<number, Candidate>();
      const st = authors ? byId.with : byId.without;
      for (const r of st.all(JSON.stringify(hits.map((h) => h.paperId))) as Row[]) found.set(r[0], toCandidate(r));
      return hits.flatMap((h) => {
        const row = found.get(h.paperId);
        return row ? [{ ...row, score: h.score }] : [];
      });
    },
    /** Matches of a MATCH string under a filter, counted without scoring (≈10× cheaper per row), up to `limit`. */
    countUpTo({ match, filter, limit }: { match: string; filter: SqlCondition; limit: number }): number {
      return Number(counter(filter.sql).get(match, ...filter.params, limit));
    },
    /** Candidates for a MATCH string under a filter condition; `capped` says whether rows were left out.
     *  `weights` replaces the bm25() column weights (a clause that only filters must not score). */
    read({
      match,
      filter,
      mode,
      weights = RANK_TUNING.weights,
      authors = false,
      cap = RANK_TUNING.candidateCap[mode],
    }: {
      match: string;
      filter: SqlCondition;
      mode: 'and' | 'or';
      weights?: readonly number[];
      /** Read the author names too (name queries). */
      authors?: boolean;
      /** Rows read at most, newest first; null reads every match (the exhaustive ranking). */
      cap?: number | null;
    }): {
      rows: Candidate[];
      capped: boolean;
    } {
      const raw = statement(filter.sql, weights, authors).all(
        match,
        ...filter.params,
        cap === null ? -1 : cap + 1,
      ) as Row[];
      const capped = cap !== null && raw.length > cap;
      const rows = (capped ? raw.slice(0, cap) : raw).map(toCandidate);
      return { rows, capped };
    },
  };
}

function toCandidate(r: Row): Candidate {
  return {
    paperId: r[0],
    arxivId: r[1],
    // FTS5's bm25() is "lower is better"; hits carry "higher is better".
    score: -r[2],
    primaryCategory: r[3],
    year: r[4],
    hasCode: r[5] === 1,
    publishedAt: r[6],
    upvotes: r[7],
    categories: r[8] ? r[8].split(' ') : [],
    authors: r[9] ?? '',
  };
}
