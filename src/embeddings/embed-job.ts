// The embedding job: embeds every indexed paper that has no vector in the provider's space (or whose text
// changed since), batch by batch. Each batch is committed on its own, so the job can be killed at any
// moment and the next run continues with what is left, never embedding a committed paper twice.
import type { EmbeddingProvider } from './provider.js';

export interface PendingText {
  paperId: number;
  textHash: string;
  text: string;
}

/** What the job needs from the search index (implemented by SearchIndex). */
export interface VectorTarget {
  /** Papers lacking an up-to-date vector of `model`, by ascending paperId after `afterPaperId`. */
  pendingEmbeddings(input: { model: string; afterPaperId: number; limit: number }): PendingText[];
  /** Stores vectors in one transaction; returns how many were written (papers deleted meanwhile are skipped). */
  putVectors(input: {
    model: string;
    items: Array<{ paperId: number; textHash: string; vector: Float32Array }>;
  }): number | Promise<number>;
  embeddingStatus(input: { model: string }): { embedded: number; total: number };
}

export interface EmbedProgress {
  embedded: number;
  /** Papers still without a current vector when the run started. */
  pending: number;
  total: number;
}

export interface EmbedRunResult {
  embedded: number;
  batches: number;
  interrupted: boolean;
}

export async function runEmbeddingJob({
  target,
  provider,
  batchSize = 64,
  concurrency = 1,
  signal,
  onProgress,
}: {
  target: VectorTarget;
  provider: EmbeddingProvider;
  batchSize?: number;
  /** Batches in flight at once (one per worker thread). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: EmbedProgress) => void;
}): Promise<EmbedRunResult> {
  const model = provider.id;
  const start = target.embeddingStatus({ model });
  const pending = start.total - start.embedded;
  let cursor = 0;
  let embedded = 0;
  let batches = 0;
  let exhausted = false;

  const nextBatch = (): PendingText[] => {
    if (exhausted || signal?.aborted) return [];
    const batch = target.pendingEmbeddings({ model, afterPaperId: cursor, limit: batchSize });
    if (batch.length === 0) exhausted = true;
    else cursor = batch.at(-1)!.paperId;
    return batch;
  };

  // Each lane takes the next batch when its previous one is committed; the cursor hands out disjoint batches.
  const lane = async () => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      const vectors = await provider.embed({ texts: batch.map((p) => p.text), kind: 'document', signal });
      embedded += await target.putVectors({
        model,
        items: batch.map((p, i) => ({ paperId: p.paperId, textHash: p.textHash, vector: vectors[i]! })),
      });
      batches++;
      onProgress?.({ embedded, pending, total: start.total });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { embedded, batches, interrupted: signal?.aborted === true };
}
