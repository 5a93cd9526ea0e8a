import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** A Kysely instance plus the raw handle each dialect needs for scripts and the bulk-import fast path. */
export type Connection =
  | { dialect: 'sqlite'; db: Kysely<Database>; sqlite: SqliteDatabase.Database; close(): Promise<void> }
  | { dialect: 'postgres'; db: Kysely<Database>; pool: pg.Pool; close(): Promise<void> };
export type SqliteConnection = Extract<Connection, { dialect: 'sqlite' }>;
export type PostgresConnection = Extract<Connection, { dialect: 'postgres' }>;

// pg returns int8 as strings and dates as Date objects; the domain uses numbers and ISO strings on both dialects.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1082, (v) => v); // date → "YYYY-MM-DD"
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString()); // timestamp

export function openSqlite(file: string): SqliteConnection {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

export function openPostgres(url: string, poolSize = 10): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
