import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { storeChangeFeed } from '../../src/papers/search.usecases.js';
import { syncSearchIndex } from '../../src/search/index.js';
import { buildServices, type Services } from '../../src/services.js';
import type { Store } from '../../src/store/store.js';
import { buildServer } from '../../src/web/server.js';

/**
 * The real server over a given store, with default config (no environment leaks in), a silent logger and an
 * in-memory search index brought up to date with the store.
 */
export async function buildTestApp(opts: { store: Store; env?: Record<string, string> }): Promise<{
  app: FastifyInstance;
  services: Services;
  /** Applies store changes made after start-up to the search index (the server's follower does this every few seconds). */
  syncSearch(): Promise<void>;
}> {
  const config = loadConfig({ env: { DAILYPAPERS_SECRET: 'x'.repeat(40), ...opts.env }, file: undefined });
  const logger = pino({ level: 'silent' });
  const services = await buildServices({ config, logger, store: opts.store, searchIndexPath: ':memory:' });
  const syncSearch = async () => {
    await syncSearchIndex({ index: services.search, fetchChanges: storeChangeFeed(opts.store) });
  };
  await syncSearch();
  const app = await buildServer({ services, logger });
  app.addHook('onClose', async () => services.search.close());
  return { app, services, syncSearch };
}
