// Precomputed "similar papers" (issue 13): a paper page's list is read from the index file instead of being
// ranked on every request (at 1M papers the ranking is p95 ≈ 57 ms and 73 % of a paper page's busy time).
//
// When is a list still right? The two-stage ranking (more-like-this, then example-rank.ts) reads the example's text
// and the *whole* index's statistics: FTS5's bm25() uses the live paper count, average length and each term's
// document frequency, and so does the second stage. So any paper whose indexed text arrives, changes or leaves can
// change every score, and may enter any paper's top-k; a narrower "neighbourhood" would make lists that differ from a
// fresh ranking. The rule is therefore exact and cheap to check: a list is valid for one *text epoch* — a counter the
// index writer steps in the same transaction as every batch that changed some indexed text (votes, listings and
// flags change nothing) — and for the same example text, vector state and second-stage mode. What it costs: after an
// ingest every list is stale once; the next page view (or the follower, once the store is quiet) recomputes it, at
// most once per epoch. Lists are kept for the papers people open: each computed list records when it was last asked
// for, and the follower refreshes the most recently asked stale lists when a sync finds nothing new.
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { TEXT_EPOCH_KEY } from './index-writer.js';
import type { SimilarHit } from './search.models.js';

export const SIMILAR_CACHE_TUNING = {
  /** Rows kept per paper: the largest list anything asks for (the API's maximum; the page shows 6). A shorter list
   *  is a prefix of this one, because the ranking's depth (100 candidates) does not depend on the limit. */
  depth: 50,
  /** A hit rewrites the list's "last asked" time only when it is older than this, so page views stay reads. */
  touchAfterMs: 3_600_000,
  /** Lists not asked for in this long are dropped by the refresh. */
  keepMs: 30 * 86_400_000,
  /** Wall time one refresh may spend (the follower calls it again on its next quiet tick). */
  refreshBudgetMs: 2_000,
};

const DDL = `
-- The ranked similar papers of an indexed paper, as of the header's state; read by a paper page in rank order.
CREATE TABLE IF NOT EXISTS similar_papers (
  paper_id INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  similar_id INTEGER NOT NULL,
  arxiv_id TEXT NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (paper_id, rank)
) WITHOUT ROWID;
-- One header per computed list: what it was computed from (state: text epoch and vector state), the example text
-- (so the refresh can rank it again) and when it was last asked for (which lists the refresh keeps up to date).
CREATE TABLE IF NOT EXISTS similar_lists (
  paper_id INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  example_hash TEXT NOT NULL,
  example TEXT NOT NULL,
  asked_at INTEGER NOT NULL
);
-- Serves the refresh: the most recently asked lists first.
CREATE INDEX IF NOT EXISTS similar_lists_asked ON similar_lists (asked_at);
`;

export interface SimilarCache {
  /** The valid list of `paperId` for `example` (at most `limit` hits), or null when it must be computed. */
  read(input: { paperId: number; example: string; state: string; limit: number }): SimilarHit[] | null;
  write(input: { paperId: number; example: string; state: string; hits: readonly SimilarHit[] }): void;
  /** Recomputes stale lists, most recently asked first, within the time budget; yields between lists. */
  refresh(input: {
    state: () => string;
    compute: (paperId: number, example: string) => SimilarHit[] | null;
    signal?: AbortSignal;
    budgetMs?: number;
    now?: number;
  }): Promise<{ refreshed: number; dropped: number }>;
}

export function readTextEpoch(db: Database.Database): () => number {
  const read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  return () => Number(read.get(TEXT_EPOCH_KEY) ?? 0);
}

export function createSimilarCache(db: Database.Database): SimilarCache {
  db.exec(DDL);
  const header = db.prepare('SELECT state, example_hash, asked_at FROM similar_lists WHERE paper_id = ?');
  const rows = db
    .prepare('SELECT similar_id, arxiv_id, score FROM similar_papers WHERE paper_id = ? ORDER BY rank LIMIT ?')
    .raw();
  const touch = db.prepare('UPDATE similar_lists SET asked_at = ? WHERE paper_id = ?');
  const deleteRows = db.prepare('DELETE FROM similar_papers WHERE paper_id = ?');
  const insertRow = db.prepare(
    'INSERT INTO similar_papers (paper_id, rank, similar_id, arxiv_id, score) VALUES (?, ?, ?, ?, ?)',
  );
  const upsertHeader = db.prepare(
    `INSERT INTO similar_lists (paper_id, state, example_hash, example, asked_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (paper_id) DO UPDATE SET state = excluded.state, example_hash = excluded.example_hash,
       example = excluded.example, asked_at = max(asked_at, excluded.asked_at)`,
  );
  const deleteHeader = db.prepare('DELETE FROM similar_lists WHERE paper_id = ?');
  const staleLists = db
    .prepare(
      'SELECT paper_id, example FROM similar_lists WHERE state <> ? AND asked_at >= ? ORDER BY asked_at DESC LIMIT 50',
    )
    .raw();
  const dropOld = db.prepare(
    'DELETE FROM similar_papers WHERE paper_id IN (SELECT paper_id FROM similar_lists WHERE asked_at < ?)',
  );
  const dropOldHeaders = db.prepare('DELETE FROM similar_lists WHERE asked_at < ?');

  const write = db.transaction(
    (paperId: number, example: string, state: string, hits: readonly SimilarHit[], now: number) => {
      deleteRows.run(paperId);
      hits.slice(0, SIMILAR_CACHE_TUNING.depth).forEach((h, rank) => {
        insertRow.run(paperId, rank, h.paperId, h.arxivId, h.score);
      });
      upsertHeader.run(paperId, state, hashOf(example), example, now);
    },
  );
  const forget = db.transaction((paperId: number) => {
    deleteRows.run(paperId);
    deleteHeader.run(paperId);
  });
  const drop = db.transaction((before: number) => {
    dropOld.run(before);
    return dropOldHeaders.run(before).changes;
  });

  return {
    read({ paperId, example, state, limit }) {
      const h = header.get(paperId) as { state: string; example_hash: string; asked_at: number } | undefined;
      if (!h || h.state !== state || h.example_hash !== hashOf(example)) return null;
      const now = Date.now();
      if (now - h.asked_at > SIMILAR_CACHE_TUNING.touchAfterMs) touch.run(now, paperId);
      return (rows.all(paperId, limit) as [number, string, number][]).map(([id, arxivId, score]) => ({
        paperId: id,
        arxivId,
        score,
      }));
    },
    write({ paperId, example, state, hits }) {
      write(paperId, example, state, hits, Date.now());
    },
    async refresh({ state, compute, signal, budgetMs = SIMILAR_CACHE_TUNING.refreshBudgetMs, now = Date.now() }) {
      const dropped = drop(now - SIMILAR_CACHE_TUNING.keepMs);
      const started = performance.now();
      let refreshed = 0;
      for (;;) {
        const current = state();
        const batch = staleLists.all(current, now - SIMILAR_CACHE_TUNING.keepMs) as [number, string][];
        if (batch.length === 0) break;
        for (const [paperId, example] of batch) {
          if (signal?.aborted || performance.now() - started > budgetMs) return { refreshed, dropped };
          // A state that moved while refreshing (a write in between) ends this refresh; the next one starts over.
          if (state() !== current) return { refreshed, dropped };
          const hits = compute(paperId, example);
          if (hits === null) forget(paperId);
          else write(paperId, example, current, hits, 0);
          refreshed++;
          await nextTurn();
        }
      }
      return { refreshed, dropped };
    },
  };
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
