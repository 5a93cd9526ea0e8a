// The background checkpointer copies the WAL into the database from its own thread, so the serving connection
// never checkpoints under a request (it only would past FALLBACK_PAGES), and no committed write is lost.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openSqlite } from './database.js';
import { FALLBACK_PAGES, startCheckpointer } from './sqlite-checkpointer.js';
import { openStore } from './store.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

it('checkpoints the WAL from a worker thread while the serving connection only would past the fallback', {
  timeout: 60_000,
}, async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'checkpointer-'));
  const file = path.join(dir, 'db.sqlite');
  const conn = openSqlite(file);
  const s = conn.sqlite;
  s.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const checkpointer = startCheckpointer(s, { everyMs: 50 });
  try {
    expect(s.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);
    const insert = s.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    // 2,000 rows of 500 bytes is ~250 pages: below the fallback, so only the worker can have checkpointed them.
    let report = await checkpointer.next();
    while (report.log === 0 || report.checkpointed < report.log) report = await checkpointer.next();
    expect(report.checkpointed).toBe(report.log);
    expect(statSync(file).size).toBeGreaterThan(1000 * 500);
  } finally {
    await checkpointer.stop();
    await conn.close();
  }
  // Read from the database file alone (no WAL beside it): every row is there.
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const check = new SqliteDatabase(file, { readonly: true });
  expect(check.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(2000);
  check.close();
});

it('a store opened with background checkpoints writes, reads and closes as usual', { timeout: 60_000 }, async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'checkpointer-store-'));
  const store = await openStore({ dataDir: dir, backgroundCheckpoints: true });
  const userId = await store.users.create({ username: 'ckpt-user' });
  expect((await store.users.findById(userId))?.username).toBe('ckpt-user');
  await store.close();
  const again = await openStore({ dataDir: dir });
  expect((await again.users.findById(userId))?.username).toBe('ckpt-user');
  await again.close();
});

it('the worker exits when nothing was written for a while, and the next write starts it again', {
  timeout: 60_000,
}, async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'checkpointer-idle-'));
  const file = path.join(dir, 'db.sqlite');
  const conn = openSqlite(file);
  const s = conn.sqlite;
  s.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = s.prepare('INSERT INTO t (body) VALUES (?)');
  let lastWrite = performance.now();
  const write = (n: number) => {
    for (let i = 0; i < n; i++) insert.run('y'.repeat(500));
    lastWrite = performance.now();
  };
  const copiedAll = async () => {
    let report = await checkpointer.next();
    while (report.log === 0 || report.checkpointed < report.log) report = await checkpointer.next();
  };
  const until = async (what: () => boolean) => {
    while (!what()) await new Promise((r) => setTimeout(r, 20));
  };
  const checkpointer = startCheckpointer(s, { everyMs: 50, idleMs: 300, lastWrite: () => lastWrite });
  try {
    write(1000);
    await copiedAll();
    await until(() => !checkpointer.running());
    // Written while no worker runs: one starts again and copies the new rows (still below the fallback).
    write(1000);
    await until(() => checkpointer.running());
    await copiedAll();
  } finally {
    await checkpointer.stop();
    await conn.close();
  }
  expect(checkpointer.running()).toBe(false);
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const check = new SqliteDatabase(file, { readonly: true });
  expect(check.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(2000);
  check.close();
});
