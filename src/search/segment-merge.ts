// Background merging of FTS5 segments. Every committed batch adds a segment to the full-text index; FTS5's own
// automerge keeps their number logarithmic but never merges them into one, and a query reads every segment's
// doclist for each of its terms. On the 1M index `serve` builds (1,000-paper batches) keyword p95 was 53.7 ms, after
// `optimize` 26.0 ms (issue 13). `optimize` itself is one statement that holds the event loop for seconds at that
// size, so the merge here is the same work cut into steps: FTS5's 'merge' command with a negative page count first
// (it puts every segment on one level and starts merging them all, as optimize does), then positive counts that
// carry that merge on, each step a few MB written in its own transaction, with the event loop free between steps.
// A merge changes how doclists are stored, never what they hold: results and scores are the same (tested).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { UNMERGED_KEY } from './index-writer.js';

export const MERGE_TUNING = {
  /** Full-text rows written since the last merge that make the next sync end with a merge. */
  afterWrites: 20_000,
  /** FTS5 pages (~4 KB) written per step. 500 held the event loop up to 843 ms a step on the 1M index with the
   *  machine at load average 23 (211 steps, 44 s in all); 128 is a quarter of that (docs/search.md). */
  pagesPerStep: 128,
};

export interface MergeResult {
  steps: number;
  /** Wall time of the whole merge, yields included. */
  ms: number;
  /** False when stopped by the signal before the index was one segment (the next sync goes on with it). */
  complete: boolean;
}

export function createSegmentMerger(db: Database.Database) {
  const merge = db.prepare("INSERT INTO fts (fts, rank) VALUES ('merge', ?)");
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const readUnmerged = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const resetUnmerged = db.prepare("UPDATE meta SET value = '0' WHERE key = ?");

  /** One bounded step; true while there is merge work left (FTS5's rule: fewer than 2 changes means done). */
  const step = (pages: number): boolean => {
    const before = Number(totalChanges.get());
    merge.run(pages);
    return Number(totalChanges.get()) - before >= 2;
  };

  return {
    /** After a one-statement optimize (reindex): nothing is left to merge. */
    merged: () => resetUnmerged.run(UNMERGED_KEY),
    unmergedWrites: () => Number(readUnmerged.get(UNMERGED_KEY) ?? 0),
    due(): boolean {
      return this.unmergedWrites() >= MERGE_TUNING.afterWrites;
    },
    async mergeInSteps({
      signal,
      pagesPerStep = MERGE_TUNING.pagesPerStep,
    }: {
      signal?: AbortSignal;
      pagesPerStep?: number;
    } = {}): Promise<MergeResult> {
      const started = performance.now();
      // Writes counted from here on belong to the next merge; a stopped merge is resumed by the next due() anyway,
      // because FTS5 remembers a started merge and positive steps continue it.
      resetUnmerged.run(UNMERGED_KEY);
      let steps = 1;
      let more = step(-pagesPerStep);
      while (more) {
        await nextTurn();
        if (signal?.aborted) {
          db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
            UNMERGED_KEY,
            String(MERGE_TUNING.afterWrites),
          );
          return { steps, ms: performance.now() - started, complete: false };
        }
        more = step(pagesPerStep);
        steps++;
      }
      // The merge rewrote the index through the WAL; give that space back now (as optimize() does).
      db.pragma('wal_checkpoint(TRUNCATE)');
      return { steps, ms: performance.now() - started, complete: true };
    },
  };
}
