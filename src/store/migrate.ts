import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection, Dialect } from './database.js';

// Migrations are numbered, append-only SQL files per dialect: migrations/<dialect>/NNNN_name.sql.
const MIGRATIONS_ROOT = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dialect: Dialect, root = MIGRATIONS_ROOT): Migration[] {
  return readdirSync(`${root}${dialect}`)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f.slice(5, -4),
      sql: readFileSync(`${root}${dialect}/${f}`, 'utf8'),
    }));
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** Applies pending migrations in order, each in its own transaction. Returns the names applied. */
export async function migrate(conn: Connection, migrations = listMigrations(conn.dialect)): Promise<string[]> {
  return conn.dialect === 'sqlite' ? migrateSqlite(conn, migrations) : migratePostgres(conn, migrations);
}

function migrateSqlite(conn: Extract<Connection, { dialect: 'sqlite' }>, migrations: Migration[]): string[] {
  const db = conn.sqlite;
  db.exec(CREATE_TABLE);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const done: string[] = [];
  for (const m of migrations.filter((m) => !applied.has(m.version))) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    done.push(`${m.version}_${m.name}`);
  }
  return done;
}

async function migratePostgres(conn: Extract<Connection, { dialect: 'postgres' }>, migrations: Migration[]) {
  const client = await conn.pool.connect();
  const done: string[] = [];
  try {
    // Several app processes may start at once; the advisory lock lets exactly one of them migrate.
    await client.query('SELECT pg_advisory_lock(7274001)');
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    for (const m of migrations.filter((m) => !applied.has(m.version))) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done.push(`${m.version}_${m.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7274001)').catch(() => {});
    client.release();
  }
  return done;
}

/** Migrations the database has not applied yet (for refusing a stale schema). */
export async function pendingMigrations(conn: Connection): Promise<Migration[]> {
  const all = listMigrations(conn.dialect);
  try {
    const rows = await conn.db.selectFrom('schema_migrations').select('version').execute();
    const applied = new Set(rows.map((r) => Number(r.version)));
    return all.filter((m) => !applied.has(m.version));
  } catch {
    return all;
  }
}
