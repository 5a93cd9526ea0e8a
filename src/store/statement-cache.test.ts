import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('the statement cache Kysely reads SQLite through', () => {
  const opened: Database.Database[] = [];
  const open = () => {
    const raw = new Database(':memory:');
    opened.push(raw);
    return raw;
  };
  afterEach(() => {
    for (const raw of opened.splice(0)) if (raw.open) raw.close();
  });

  it('prepares a SQL text once and keeps only the most recently used texts', () => {
    const raw = open();
    let prepared = 0;
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      prepared++;
      return prepare(text);
    }) as typeof raw.prepare;
    const db = withStatementCache(raw, 2);
    const a = db.prepare('SELECT 1');
    expect(db.prepare('SELECT 1')).toBe(a);
    db.prepare('SELECT 2');
    db.prepare('SELECT 1'); // used again: now the most recent
    db.prepare('SELECT 3'); // drops SELECT 2, the least recently used
    expect(prepared).toBe(3);
    expect(db.prepare('SELECT 1')).toBe(a);
    db.prepare('SELECT 2');
    expect(prepared).toBe(4);
  });

  it('answers through Kysely as before, also after the schema changed under a kept statement', async () => {
    const raw = open();
    const db = new Kysely<{ t: { a: number; b?: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(raw) }),
    });
    await sql`CREATE TABLE t (a INTEGER)`.execute(db);
    await db.insertInto('t').values({ a: 1 }).execute();
    const all = () => sql<Record<string, number | null>>`SELECT * FROM t`.execute(db).then((r) => r.rows);
    expect(await all()).toEqual([{ a: 1 }]);
    await sql`ALTER TABLE t ADD COLUMN b INTEGER`.execute(db);
    expect(await all()).toEqual([{ a: 1, b: null }]);
    await db.insertInto('t').values({ a: 2 }).execute();
    expect(await db.selectFrom('t').select('a').orderBy('a').execute()).toEqual([{ a: 1 }, { a: 2 }]);
    await db.destroy();
    expect(raw.open).toBe(false);
  });
});
