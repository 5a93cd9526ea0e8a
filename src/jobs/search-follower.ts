import type { Logger } from 'pino';
import { storeChangeFeed } from '../papers/search.usecases.js';
import { type SearchIndex, syncSearchIndex, syncVectors } from '../search/index.js';
import type { Store } from '../store/store.js';
import { storeVectorFeed } from './embed.usecases.js';

export interface SearchFollower {
  /** Resolves when the index has caught up with the store as of now (tests, `reindex`). */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the derived search index in step with the store: every `intervalMs` it applies the store's changes after
 * the index's last sequence number, so a new or changed paper is searchable within seconds, then copies the
 * paper vectors of the index's model that the store gained (whichever process's embedding job computed them).
 * Each web process follows on its own (the index is a local file); nothing is lost if it stops, it resumes from
 * its sequence numbers.
 */
export function startSearchFollower(opts: {
  store: Store;
  index: SearchIndex;
  logger: Logger;
  intervalMs?: number;
}): SearchFollower {
  const controller = new AbortController();
  const fetchChanges = storeChangeFeed(opts.store);
  const model = opts.index.semanticModel;
  const fetchVectors = model ? storeVectorFeed(opts.store, model) : null;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const tick = () => {
    running = running.then(async () => {
      try {
        const result = await syncSearchIndex({ index: opts.index, fetchChanges, signal: controller.signal });
        if (result.applied > 0)
          opts.logger.info({ applied: result.applied, lastSeq: result.lastSeq }, 'search index updated');
        if (model && fetchVectors) {
          const vectors = await syncVectors({ index: opts.index, model, fetchVectors, signal: controller.signal });
          // The HNSW graph takes new vectors in before its next query, many of them on a worker thread.
          if (vectors.written > 0)
            opts.logger.info({ vectors: vectors.written, model }, 'search index copied vectors from the store');
        }
      } catch (err) {
        opts.logger.error({ err }, 'search index update failed; retrying on the next tick');
      }
    });
    return running;
  };
  const schedule = () => {
    timer = setTimeout(async () => {
      await tick();
      if (!controller.signal.aborted) schedule();
    }, opts.intervalMs ?? 2000);
    timer.unref();
  };
  void tick().then(() => controller.signal.aborted || schedule());

  return {
    catchUp: () => tick(),
    async stop() {
      controller.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
