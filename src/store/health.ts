import { sql } from 'kysely';
import type { Connection } from './database.js';
import { pendingMigrations } from './migrate.js';

export interface StoreHealth {
  /** Whether a trivial query came back. */
  reachable: boolean;
  /** Migrations the schema lacks (a process started before a `migrate` by a newer release sees them). */
  pendingMigrations: string[];
  error?: string;
}

/** What /readyz asks of the store: can it answer, and is its schema the one this code expects. */
export async function checkStoreHealth(conn: Connection): Promise<StoreHealth> {
  try {
    await sql`SELECT 1`.execute(conn.db);
  } catch (error) {
    return { reachable: false, pendingMigrations: [], error: (error as Error).message };
  }
  const pending = await pendingMigrations(conn);
  return { reachable: true, pendingMigrations: pending.map((m) => `${m.version}_${m.name}`) };
}
