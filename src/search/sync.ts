// Follows the store's change sequence. Each batch is applied in one transaction together with the new
// lastSeq, so the loop can be killed at any point and resumed: nothing is skipped and re-applying a batch
// changes nothing. Withdrawn papers are removed from the index.

import type { SearchDocument } from './search.models.js';
import type { SearchIndex } from './search-index.js';

export interface SyncProgress {
  applied: number;
  lastSeq: number;
}

export interface SyncResult {
  applied: number;
  removed: number;
  lastSeq: number;
  statsRefreshed: boolean;
}

export async function syncSearchIndex({
  index,
  fetchChanges,
  batchSize = 1000,
  onProgress,
  signal,
}: {
  index: SearchIndex;
  /** Documents with changeSeq > afterSeq, in changeSeq order, at most `limit` of them. */
  fetchChanges: (afterSeq: number, limit: number) => Promise<SearchDocument[]>;
  batchSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Stops between batches (Ctrl-C); what was committed stays. */
  signal?: AbortSignal;
}): Promise<SyncResult> {
  let applied = 0;
  let removed = 0;
  for (;;) {
    if (signal?.aborted) break;
    const after = index.lastSeq();
    const docs = await fetchChanges(after, batchSize);
    if (docs.length === 0) break;
    // A source that returns stale rows would loop forever; keep only what is new and stop if nothing is.
    const fresh = docs.filter((d) => d.changeSeq > after);
    if (fresh.length === 0) break;
    const result = index.upsert(fresh);
    applied += result.written;
    removed += result.removed;
    onProgress?.({ applied: applied + removed, lastSeq: index.lastSeq() });
    if (docs.length < batchSize) break;
  }
  // Once per run, not per batch: a rebuild from zero would otherwise rescan the vocabulary ~100 times.
  const statsRefreshed = applied + removed > 0 ? index.refreshStats() : false;
  return { applied, removed, lastSeq: index.lastSeq(), statsRefreshed };
}
