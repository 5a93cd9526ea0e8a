// "Embed what is missing": the one use case behind the scheduled job, `dailypapers embed` and tests. Copies the
// vectors the store already has into the search index (computed by another process or before a rebuild), builds
// the configured provider on worker threads, runs the resumable job — every vector goes to the store first, so
// all app processes' indexes get it — and brings the index's nearest-neighbour structure up to date.
// It lives above both embeddings/ (providers and the resumable job, which know nothing of the index) and search/
// (the derived index the vectors go into), as the search follower does.
import type { Config } from '../config/config.js';
import {
  type EmbedProgress,
  type EmbedRunResult,
  runEmbeddingJob,
  type VectorTarget,
} from '../embeddings/embed-job.js';
import { EmbeddingsError } from '../embeddings/embeddings.errors.js';
import { providerIdOf, providerOptionsOf } from '../embeddings/provider-options.js';
import { createWorkerProvider } from '../embeddings/worker-pool.js';
import { type FeedVector, type SearchIndex, syncVectors } from '../search/index.js';
import type { Store } from '../store/index.js';

/** The store's vectors of one model, in write order: the feed every search index follows (syncVectors). */
export function storeVectorFeed(store: Pick<Store, 'vectors'>, model: string) {
  return (afterSeq: number, limit: number): Promise<FeedVector[]> =>
    store.vectors.changedSince({ model, afterSeq, limit });
}

/** The embedding job's target: pending papers come from the index; vectors are written to the store, then the index. */
function storeBackedTarget(index: SearchIndex, store: Pick<Store, 'vectors'>): VectorTarget {
  return {
    pendingEmbeddings: (input) => index.pendingEmbeddings(input),
    embeddingStatus: (input) => index.embeddingStatus(input),
    async putVectors(input) {
      await store.vectors.put(input);
      return index.putVectors(input);
    },
  };
}

export async function embedPendingPapers({
  config,
  index,
  store,
  signal,
  onProgress,
}: {
  config: Config;
  index: SearchIndex;
  store: Pick<Store, 'vectors'>;
  signal?: AbortSignal;
  onProgress?: (progress: EmbedProgress) => void;
}): Promise<EmbedRunResult & { model: string; copied: number }> {
  const options = providerOptionsOf(config);
  if (!options) {
    throw new EmbeddingsError({
      code: 'embeddings.not_configured',
      message: 'no embedding provider is configured (embeddings.provider=none): search stays keyword-only',
    });
  }
  const model = providerIdOf(options);
  const { written: copied } = await syncVectors({ index, model, fetchVectors: storeVectorFeed(store, model), signal });
  const provider = createWorkerProvider({ options, workers: config.embeddings.workers });
  try {
    const result = await runEmbeddingJob({
      target: storeBackedTarget(index, store),
      provider,
      batchSize: config.embeddings.batchSize,
      concurrency: config.embeddings.workers,
      signal,
      onProgress,
    });
    if (result.embedded + copied > 0) await index.refreshVectorIndex({ model: provider.id });
    return { ...result, model, copied };
  } finally {
    await provider.close();
  }
}
