import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../test/support/postgres.js';
import { type Connection, openPostgres, openSqlite } from './database.js';
import { listMigrations, migrate, pendingMigrations } from './migrate.js';
import { openStore, StaleSchemaError } from './store.js';

async function columnsByTable(conn: Connection): Promise<Record<string, string[]>> {
  const tables = await conn.db.introspection.getTables();
  return Object.fromEntries(
    tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()] as const).sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe('migrations', () => {
  const open: Connection[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });

  it('every prefix of the migration list applies, on both dialects, and re-running applies nothing', async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const all = listMigrations(dialect);
      expect(all.length).toBeGreaterThan(0);
      for (let n = 1; n <= all.length; n++) {
        const conn =
          dialect === 'sqlite'
            ? openSqlite(':memory:')
            : openPostgres(await createTestDatabase(inject('postgresUrl'), `prefix${n}`));
        open.push(conn);
        expect(await migrate(conn, all.slice(0, n))).toHaveLength(n);
        expect(await migrate(conn, all.slice(0, n))).toEqual([]);
      }
    }
  });

  it('both dialects end with the same tables and columns', async () => {
    const sqlite = openSqlite(':memory:');
    const postgres = openPostgres(await createTestDatabase(inject('postgresUrl'), 'parity'));
    open.push(sqlite, postgres);
    await migrate(sqlite);
    await migrate(postgres);
    expect(await columnsByTable(postgres)).toEqual(await columnsByTable(sqlite));
    expect(await pendingMigrations(sqlite)).toEqual([]);
  });

  it('both dialects have the same migration numbers and names', () => {
    const names = (d: 'sqlite' | 'postgres') => listMigrations(d).map((m) => `${m.version}_${m.name}`);
    expect(names('postgres')).toEqual(names('sqlite'));
  });

  it('refuses a stale schema unless told to migrate', async () => {
    const url = await createTestDatabase(inject('postgresUrl'), 'stale');
    await expect(openStore({ databaseUrl: url, migrate: false })).rejects.toThrow(StaleSchemaError);
    const store = await openStore({ databaseUrl: url });
    await store.close();
    const again = await openStore({ databaseUrl: url, migrate: false });
    await again.close();
  });
});
