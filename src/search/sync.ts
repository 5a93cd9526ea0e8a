// Follows the store's change sequence. Each batch is applied in one transaction together with the new
// lastSeq, so the loop can be killed at any point and resumed: nothing is skipped and re-applying a batch
// changes nothing. Withdrawn papers are removed from the index.
//
// Never holding the event loop: every store read resolves at once on SQLite (better-sqlite3 is synchronous), so a
// loop of awaits alone never let a request in — `serve` on a fresh 1M store did not listen for 298 s (issue 13).
// Each batch now ends with a turn of the event loop, so the process answers between batches (a batch of 500 papers
// is tens of ms) and searches see every committed batch; the segment merge and the similar-papers refresh that may
// follow are cut into steps the same way.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SearchDocument } from './search.models.js';
import type { SearchIndex } from './search-index.js';
import type { MergeResult } from './segment-merge.js';

export interface SyncProgress {
  applied: number;
  lastSeq: number;
}

export interface SyncResult {
  applied: number;
  removed: number;
  lastSeq: number;
  statsRefreshed: boolean;
  /** Set when the run ended with a segment merge (after many writes, see segment-merge.ts). */
  merge?: MergeResult;
  /** Precomputed similar-paper lists brought up to date (on a run that changed nothing, see similar-cache.ts). */
  similarRefreshed: number;
}

export async function syncSearchIndex({
  index,
  fetchChanges,
  batchSize,
  onProgress,
  signal,
}: {
  index: SearchIndex;
  /** Documents with changeSeq > afterSeq, in changeSeq order, at most `limit` of them. */
  fetchChanges: (afterSeq: number, limit: number) => Promise<SearchDocument[]>;
  /** Fixed batches (bulk rebuilds: `reindex`, benchmarks). Omitted (a serving process's follower): batches of
   *  up to 1,000 that shrink while one takes longer than ~100 ms, so a request waits at most about that long. */
  batchSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Stops between batches (Ctrl-C); what was committed stays. */
  signal?: AbortSignal;
}): Promise<SyncResult> {
  let applied = 0;
  let removed = 0;
  const turns = batchSize === undefined ? adaptiveBatches() : { size: () => batchSize, took: () => {} };
  for (;;) {
    if (signal?.aborted) break;
    const after = index.lastSeq();
    const started = performance.now();
    const limit = turns.size();
    const docs = await fetchChanges(after, limit);
    if (docs.length === 0) break;
    // A source that returns stale rows would loop forever; keep only what is new and stop if nothing is.
    const fresh = docs.filter((d) => d.changeSeq > after);
    if (fresh.length === 0) break;
    const result = index.upsert(fresh);
    applied += result.written;
    removed += result.removed;
    onProgress?.({ applied: applied + removed, lastSeq: index.lastSeq() });
    if (docs.length < limit) break;
    turns.took(performance.now() - started);
    await nextTurn();
  }
  // Once per run, not per batch: a rebuild from zero would otherwise rescan the vocabulary ~100 times.
  const statsRefreshed = applied + removed > 0 ? index.refreshStats() : false;
  const merge = index.mergeDue() ? await index.mergeSegments({ signal }) : undefined;
  // Refreshing similar papers while papers keep arriving would redo every list on each tick: it waits for a quiet run.
  const similarRefreshed = applied + removed === 0 ? (await index.refreshSimilar({ signal })).refreshed : 0;
  return { applied, removed, lastSeq: index.lastSeq(), statsRefreshed, similarRefreshed, ...(merge ? { merge } : {}) };
}

/** Batch sizes that keep one batch (read from the store and written to the index) near TURN_MS of wall time: on a
 *  loaded machine a fixed 1,000-paper batch held the event loop for seconds. Halves above, doubles below half. */
function adaptiveBatches() {
  const TURN_MS = 100;
  const MIN = 50;
  const MAX = 1000;
  let size = 500;
  return {
    size: () => size,
    took(ms: number) {
      if (ms > TURN_MS) size = Math.max(MIN, Math.floor(size / 2));
      else if (ms < TURN_MS / 2) size = Math.min(MAX, size * 2);
    },
  };
}

/** A vector as the store's feed gives it (see store/vectors.repository.ts). */
export interface FeedVector {
  paperId: number;
  textHash: string;
  vector: Float32Array;
  seq: number;
  /** The paper's change number in the store now. */
  paperChangeSeq: number;
}

/**
 * Copies the store's vectors of `model` that this index lacks, following the store's vector sequence (so every
 * app process's index gets the vectors the one embedding job computed, and a rebuilt index gets them back without
 * embedding anything). A vector whose paper this index has not received yet stops the batch there: the next
 * paper sync brings the paper and the next run the vector. Vectors of withdrawn papers are passed over.
 */
export async function syncVectors({
  index,
  model,
  fetchVectors,
  batchSize = 1000,
  signal,
}: {
  index: SearchIndex;
  model: string;
  fetchVectors: (afterSeq: number, limit: number) => Promise<FeedVector[]>;
  batchSize?: number;
  signal?: AbortSignal;
}): Promise<{ written: number; storeSeq: number }> {
  let written = 0;
  for (;;) {
    if (signal?.aborted) break;
    const after = index.storeVectorSeq(model);
    const rows = (await fetchVectors(after, batchSize)).filter((r) => r.seq > after);
    const waitAt = rows.findIndex((r) => !index.hasPaper(r.paperId) && r.paperChangeSeq > index.lastSeq());
    const ready = waitAt < 0 ? rows : rows.slice(0, waitAt);
    if (ready.length === 0) break;
    written += index.applyStoreVectors({ model, items: ready, upToSeq: ready.at(-1)!.seq });
    if (ready.length < batchSize) break;
  }
  return { written, storeSeq: index.storeVectorSeq(model) };
}
