// The store's public surface.

import path from 'node:path';
import type { Config } from '../config/config.js';
import { openPostgres, openSqlite } from './database.js';
import { migrate } from './migrate.js';

export type { UpsertSummary } from './papers.mapping.js';
export { openStore, StaleSchemaError, type Store } from './store.js';

/** Applies pending migrations for the configured database and returns their names. */
export async function openConnectionForMigrate(config: Config): Promise<string[]> {
  const conn = config.database.url
    ? openPostgres(config.database.url, 1)
    : openSqlite(path.join(config.data, 'dailypapers.db'));
  try {
    return await migrate(conn);
  } finally {
    await conn.close();
  }
}
