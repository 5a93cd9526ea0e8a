import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Logger, pino } from 'pino';
import type { Config } from './config/config.js';
import { openStore, type Store } from './store/store.js';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  /** Key for signing sessions and links: the configured one, or one generated once into the data directory. */
  secret: string;
  close(): Promise<void>;
}

export function createLogger(config: Config, destination: 'stdout' | 'stderr' = 'stderr'): Logger {
  return pino({ level: config.log.level }, pino.destination(destination === 'stdout' ? 1 : 2));
}

/** Wires the whole application once; the CLI, the server and the tests all build the same set. */
export async function buildServices(opts: {
  config: Config;
  logger?: Logger;
  store?: Store;
  migrate?: boolean;
}): Promise<Services> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config);
  const store =
    opts.store ??
    (await openStore({
      databaseUrl: config.database.url,
      dataDir: config.data,
      migrate: opts.migrate ?? true,
      trending: config.trending,
    }));
  return {
    config,
    logger,
    store,
    secret: config.secret || loadOrCreateSecret(config.data),
    close: () => store.close(),
  };
}

function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
