import type { Kysely } from 'kysely';
import type { Connection } from './database.js';
import type { Database } from './schema.js';

/** A connection or an open transaction: repositories that must write inside a caller's transaction take this. */
export type Executor = Kysely<Database>;

/**
 * Boolean columns are INTEGER 0/1 on SQLite (better-sqlite3 refuses to bind JS booleans) and BOOLEAN on
 * PostgreSQL (which refuses to compare with integers), so writes and comparisons go through this.
 */
export function flag(conn: Pick<Connection, 'dialect'>, value: boolean): boolean | number {
  return conn.dialect === 'sqlite' ? (value ? 1 : 0) : value;
}

/** True for a unique-constraint violation on either dialect (SQLITE_CONSTRAINT_UNIQUE / SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
