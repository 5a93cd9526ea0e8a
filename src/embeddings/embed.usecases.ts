// "Embed what is missing": the one use case behind the scheduled job, `dailypapers embed` and tests. Builds the
// configured provider on worker threads, runs the resumable job against the search index, then brings the
// index's nearest-neighbour structure up to date.
import type { Config } from '../config/config.js';
import { type EmbedProgress, type EmbedRunResult, runEmbeddingJob, type VectorTarget } from './embed-job.js';
import { EmbeddingsError } from './embeddings.errors.js';
import { providerIdOf, providerOptionsOf } from './provider-options.js';
import { createWorkerProvider } from './worker-pool.js';

export interface EmbedTarget extends VectorTarget {
  /** Brings the approximate (HNSW) vector index up to date, when the index uses one. */
  refreshVectorIndex?(input: { model: string }): void;
}

export async function embedPendingPapers({
  config,
  index,
  signal,
  onProgress,
}: {
  config: Config;
  index: EmbedTarget;
  signal?: AbortSignal;
  onProgress?: (progress: EmbedProgress) => void;
}): Promise<EmbedRunResult & { model: string }> {
  const options = providerOptionsOf(config);
  if (!options) {
    throw new EmbeddingsError({
      code: 'embeddings.not_configured',
      message: 'no embedding provider is configured (embeddings.provider=none): search stays keyword-only',
    });
  }
  const provider = createWorkerProvider({ options, workers: config.embeddings.workers });
  try {
    const result = await runEmbeddingJob({
      target: index,
      provider,
      batchSize: config.embeddings.batchSize,
      concurrency: config.embeddings.workers,
      signal,
      onProgress,
    });
    if (result.embedded > 0) index.refreshVectorIndex?.({ model: provider.id });
    return { ...result, model: providerIdOf(options) };
  } finally {
    await provider.close();
  }
}
