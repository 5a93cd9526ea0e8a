import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { openSqlite } from './database.js';
import { listMigrations, migrate } from './migrate.js';
import { backupSqlite, inspectSqliteBackup, restoreSqlite, sqliteTargetState } from './sqlite-backup.js';
import { openStore } from './store.js';

describe('SQLite backup files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dp-sqlite-backup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a backup written by a newer release (a migration unknown here)', async () => {
    const file = path.join(dir, 'newer.db');
    const store = await openStore({ sqliteFile: file });
    if (store.connection.dialect !== 'sqlite') throw new Error('sqlite expected');
    store.connection.sqlite
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'now')")
      .run();
    await store.close();
    const inspection = inspectSqliteBackup(file);
    expect(inspection).toEqual({ ok: false, reason: expect.stringMatching(/newer dailypapers .*9999/) });
  });

  it('restores a backup of an older schema, which then migrates, with its papers', async () => {
    const old = path.join(dir, 'old.db');
    const conn = openSqlite(old);
    const total = listMigrations('sqlite').length;
    await migrate(conn, listMigrations('sqlite').slice(0, 3));
    conn.sqlite
      .prepare(
        `INSERT INTO papers (arxiv_id, version, title, abstract, authors_json, primary_category, categories,
           published_at, updated_at, versions_json, content_hash, change_seq, created_at, modified_at)
         VALUES ('2401.00001', 1, 'Old', 'a', '[]', 'cs.CL', 'cs.CL', '2024-01-01T00:00:00.000Z',
           '2024-01-01T00:00:00.000Z', '[]', 'h', 1, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
      )
      .run();
    await conn.close();
    expect(inspectSqliteBackup(old)).toMatchObject({ ok: true, papers: 1, pendingMigrations: total - 3 });

    const target = path.join(dir, 'data', 'dailypapers.db');
    expect(sqliteTargetState(target)).toEqual({ state: 'absent' });
    expect(await restoreSqlite({ backup: old, target, now: new Date() })).toEqual({ kept: null });
    const store = await openStore({ sqliteFile: target });
    expect((await store.papers.findByArxivId('2401.00001'))?.title).toBe('Old');
    await store.papers.upsertMany([makePaper({ arxivId: '2401.00002' })]);
    expect(await store.papers.count()).toBe(2);
    await store.close();
    expect(sqliteTargetState(target)).toMatchObject({ state: 'holds-data' });
  });

  it('a backup is a consistent, self-contained copy that says what it holds', async () => {
    const live = path.join(dir, 'live.db');
    const store = await openStore({ sqliteFile: live });
    await store.papers.upsertMany([makePaper(), makePaper(), makePaper()]);
    const copy = path.join(dir, 'copy.db');
    const result = await backupSqlite({ source: live, destination: copy });
    await store.close();
    expect(result).toMatchObject({ papers: 3, users: 0, schemaVersion: listMigrations('sqlite').at(-1)!.version });
    expect(inspectSqliteBackup(copy)).toMatchObject({ ok: true, papers: 3, pendingMigrations: 0 });
  });
});
