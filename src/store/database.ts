import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createLocalWrites, type LocalWrites } from './local-writes.js';
import type { Database } from './schema.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { withStatementCache } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * A Kysely instance plus the raw handle each dialect needs for scripts and the bulk-import fast path, and the clock
 * of this process's writes through it (local-writes.ts: the page version's memo must not outlive a local write).
 */
export type Connection =
  | {
      dialect: 'sqlite';
      db: Kysely<Database>;
      sqlite: SqliteDatabase.Database;
      writes: LocalWrites;
      close(): Promise<void>;
    }
  | { dialect: 'postgres'; db: Kysely<Database>; pool: pg.Pool; writes: LocalWrites; close(): Promise<void> };
export type SqliteConnection = Extract<Connection, { dialect: 'sqlite' }>;
export type PostgresConnection = Extract<Connection, { dialect: 'postgres' }>;

// pg returns int8 as strings and dates as Date objects; the domain uses numbers and ISO strings on both dialects.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1082, (v) => v); // date → "YYYY-MM-DD"
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString()); // timestamp

// The store's own page cache: the hot pages of a daily page (the covering listings index, the day's papers) fit in
// a few MiB; the rest comes from the OS's file cache, which is not this process's memory. 64 MiB here and 64 MiB in
// the search index were most of the 1M-paper server's 318–340 MiB RSS (docs/operations.md, memory).
const DEFAULT_SQLITE_CACHE_MIB = 8;

export function openSqlite(
  file: string,
  opts: { cacheMiB?: number; backgroundCheckpoints?: boolean; warn?: (message: string) => void } = {},
): SqliteConnection {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${Math.round((opts.cacheMiB ?? DEFAULT_SQLITE_CACHE_MIB) * 1024)}`);
  const writes = createLocalWrites();
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [writes.plugin],
  });
  // A long-running server checkpoints in a worker thread (sqlite-checkpointer.ts); short commands as SQLite does.
  const checkpointer =
    opts.backgroundCheckpoints && file !== ':memory:'
      ? startCheckpointer(sqlite, { lastWrite: writes.last, onError: opts.warn })
      : null;
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    writes,
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

export function openPostgres(url: string, poolSize = 10): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const writes = createLocalWrites();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [writes.plugin] });
  return {
    dialect: 'postgres',
    db,
    pool,
    writes,
    async close() {
      await db.destroy();
    },
  };
}
