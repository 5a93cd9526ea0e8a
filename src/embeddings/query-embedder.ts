// Query-time embeddings for the web process: the provider is built on first use (loading a model takes a
// second or two and most processes may never need it), repeated queries come from a small cache, and any
// failure turns into "keyword search only" with the reason, never into a failed search.
import type { Logger } from 'pino';
import type { EmbeddingProvider, EmbedKind } from './provider.js';
import { createProvider, type ProviderOptions, providerIdOf } from './provider-options.js';

const CACHE_SIZE = 1000;

export interface QueryEmbedder {
  /** The vector space queries are embedded into; null when no provider is configured. */
  readonly model: string | null;
  /** Why semantic search cannot run right now (shown in the UI and logged once), or null. */
  unavailableReason(): string | null;
  /** The query's vector, or null when semantic search is unavailable. */
  embedQuery(text: string): Promise<Float32Array | null>;
  /** A pasted text ("papers like this abstract") embedded as a document, or null. */
  embedDocument(text: string): Promise<Float32Array | null>;
  close(): Promise<void>;
}

export const NO_MODEL_REASON = 'Keyword search only — no embedding model is configured (embeddings.provider=none).';

export function createQueryEmbedder({
  options,
  logger,
  create = createProvider,
}: {
  options: ProviderOptions | null;
  logger: Logger;
  create?: (options: ProviderOptions) => Promise<EmbeddingProvider>;
}): QueryEmbedder {
  if (!options) {
    let told = false;
    const none = async () => {
      if (!told)
        logger.warn('semantic search requested but no embedding model is configured: answering with keyword search');
      told = true;
      return null;
    };
    return {
      model: null,
      unavailableReason: () => NO_MODEL_REASON,
      embedQuery: none,
      embedDocument: none,
      close: async () => {},
    };
  }
  const cache = new Map<string, Float32Array>();
  let provider: Promise<EmbeddingProvider> | null = null;
  let failure: string | null = null;

  const load = () => {
    provider ??= create(options).catch((error: Error) => {
      failure = `Keyword search only — the embedding model could not be loaded: ${error.message}`;
      logger.error({ err: error }, 'semantic search unavailable: embedding provider failed to load');
      throw error;
    });
    return provider;
  };

  const embed = async (text: string, kind: EmbedKind): Promise<Float32Array | null> => {
    const key = `${kind}\u0000${text.trim().toLowerCase()}`;
    const hit = cache.get(key);
    if (hit) return hit;
    try {
      const [vector] = await (await load()).embed({ texts: [text], kind });
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, vector!);
      return vector!;
    } catch (error) {
      // A transient endpoint failure (http provider) should not disable semantic search for good.
      if (failure === null) logger.warn({ err: error }, 'query embedding failed; answering with keyword search');
      return null;
    }
  };

  return {
    model: providerIdOf(options),
    unavailableReason: () => failure,
    embedQuery: (text) => embed(text, 'query'),
    embedDocument: (text) => embed(text, 'document'),
    async close() {
      if (provider) await (await provider.catch(() => null))?.close();
    },
  };
}
