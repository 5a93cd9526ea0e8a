import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { buildServices, type Services } from '../../src/services.js';
import type { Store } from '../../src/store/store.js';
import { buildServer } from '../../src/web/server.js';

/** The real server over a given store, with default config (no environment leaks in) and a silent logger. */
export async function buildTestApp(opts: { store: Store; env?: Record<string, string> }): Promise<{
  app: FastifyInstance;
  services: Services;
}> {
  const config = loadConfig({ env: { DAILYPAPERS_SECRET: 'x'.repeat(40), ...opts.env }, file: undefined });
  const logger = pino({ level: 'silent' });
  const services = await buildServices({ config, logger, store: opts.store });
  const app = await buildServer({ services, logger });
  return { app, services };
}
