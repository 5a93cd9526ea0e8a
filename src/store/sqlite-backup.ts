// Online backup and restore of the embedded SQLite store. The backup goes through SQLite's backup API
// (better-sqlite3's `backup()`), which copies pages inside a read transaction: in WAL mode the server keeps
// writing meanwhile and the copy is the database exactly as of one commit. All pages are copied in one step
// (`progress` asks for every remaining page): copied in small steps, a backup restarts whenever another process commits, and under
// steady writes it might never finish.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { listMigrations } from './migrate.js';

/** better-sqlite3's largest step: the whole rest of the database in one sqlite3_backup_step. */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  bytes: number;
  seconds: number;
  papers: number;
  users: number;
  schemaVersion: number;
}

/** Copies the live database at `source` into `destination` (written beside it, then renamed into place). */
export async function backupSqlite(opts: { source: string; destination: string }): Promise<BackupResult> {
  const started = performance.now();
  const partial = `${opts.destination}.partial`;
  rmSync(partial, { force: true });
  const db = new SqliteDatabase(opts.source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  // A backup is one self-contained file: no -wal beside it to forget when copying it elsewhere.
  const copy = new SqliteDatabase(partial);
  let summary: Omit<BackupResult, 'bytes' | 'seconds'>;
  try {
    copy.pragma('journal_mode = DELETE');
    summary = countsOf(copy);
  } finally {
    copy.close();
  }
  renameSync(partial, opts.destination);
  return {
    ...summary,
    bytes: statSync(opts.destination).size,
    seconds: (performance.now() - started) / 1000,
  };
}

export type BackupInspection =
  | { ok: true; papers: number; users: number; schemaVersion: number; pendingMigrations: number }
  | { ok: false; reason: string };

/** Whether `file` is a dailypapers SQLite database this code can use (as is, or after migrating it). */
export function inspectSqliteBackup(file: string): BackupInspection {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, reason: `${file} cannot be opened: ${(error as Error).message}` };
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: `${file} is damaged: ${String(check)}` };
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (!tables.has('schema_migrations') || !tables.has('papers')) {
      return { ok: false, reason: `${file} is an SQLite database but not a dailypapers one (no papers table)` };
    }
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
    const known = listMigrations('sqlite').map((m) => m.version);
    const unknown = applied.filter((v) => !known.includes(v));
    if (unknown.length > 0) {
      return {
        ok: false,
        reason: `${file} was written by a newer dailypapers (schema migration ${unknown.join(', ')} is unknown here); upgrade first`,
      };
    }
    return { ok: true, ...countsOf(db), pendingMigrations: known.length - applied.length };
  } catch (error) {
    return { ok: false, reason: `${file} is not a usable database: ${(error as Error).message}` };
  } finally {
    db.close();
  }
}

function countsOf(db: SqliteDatabase.Database) {
  const count = (table: string) => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  return {
    papers: count('papers'),
    users: count('users'),
    schemaVersion: Number(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() ?? 0),
  };
}

export type TargetState = { state: 'absent' } | { state: 'empty' } | { state: 'in-use' | 'holds-data'; detail: string };

/** What restoring over `file` would replace: nothing, an empty store, a store with data, or one being written. */
export function sqliteTargetState(file: string): TargetState {
  if (!existsSync(file)) return { state: 'absent' };
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    try {
      // A write lock we cannot get at once means another process is writing right now.
      db.prepare('BEGIN IMMEDIATE').run();
      db.prepare('ROLLBACK').run();
    } catch {
      return { state: 'in-use', detail: 'another process is writing to it' };
    }
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (!tables.has('papers')) return { state: tables.size === 0 ? 'empty' : 'holds-data', detail: 'foreign tables' };
    const { papers, users } = countsOf(db);
    const subscriptions = tables.has('subscriptions')
      ? Number(db.prepare('SELECT count(*) FROM subscriptions').pluck().get())
      : 0;
    return papers + users + subscriptions === 0
      ? { state: 'empty' }
      : {
          state: 'holds-data',
          detail: `${papers} papers, ${users} accounts and ${subscriptions} digest subscriptions`,
        };
  } finally {
    db.close();
  }
}

/**
 * Puts the backup at `target`: copied through the backup API to a file beside it, then renamed into place. A
 * database already there is first checkpointed (its WAL folded in) and kept as `<target>.before-restore-<time>`.
 */
export async function restoreSqlite(opts: {
  backup: string;
  target: string;
  now: Date;
}): Promise<{ kept: string | null }> {
  const incoming = `${opts.target}.restoring`;
  mkdirSync(path.dirname(opts.target), { recursive: true });
  rmSync(incoming, { force: true });
  const source = new SqliteDatabase(opts.backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  let kept: string | null = null;
  if (existsSync(opts.target)) {
    const old = new SqliteDatabase(opts.target);
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    kept = `${opts.target}.before-restore-${opts.now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(opts.target, kept);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(opts.target + suffix, { force: true });
  renameSync(incoming, opts.target);
  return { kept };
}
