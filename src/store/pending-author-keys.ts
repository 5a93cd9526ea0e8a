// The author keys a bulk import folded ahead (papers.mapping PaperImportRow), kept from the moment a new paper is
// stored until it is filed under its authors (paper-authors.backfill.ts). A TEMP table: it lives in a temporary
// file of the writing connection and goes with it, as a cache should — after a crash the filing folds the names
// from the papers' author lists instead. Each entry holds the change_seq it was made for, so a paper written again
// before it is filed is filed from what is stored now, never from stale keys.
import type { Statement } from 'better-sqlite3';
import type { SqliteConnection } from './database.js';

type Sqlite = SqliteConnection['sqlite'];

const TABLE = 'import_author_keys';
/** The table's name in SQL (the `temp` schema of the connection that stored the papers). */
export const PENDING_AUTHOR_KEYS = `temp.${TABLE}`;

/** Whether this connection holds any pending keys' table (created by the first deferred import on it). */
export function hasPendingAuthorKeys(s: Sqlite): boolean {
  return s.prepare('SELECT 1 FROM sqlite_temp_master WHERE name = ?').get(TABLE) !== undefined;
}

/**
 * The writer's side: `prepare` creates the table (outside any transaction, so that a rolled-back batch cannot take
 * the table away from under the prepared statement) and `add` records a new paper's keys inside the batch's.
 */
export function pendingAuthorKeysWriter(s: Sqlite) {
  let insert: Statement<[number, number, string]> | null = null;
  return {
    prepare(): void {
      if (insert) return;
      s.exec(
        `CREATE TEMP TABLE IF NOT EXISTS ${TABLE} (
           paper_id INTEGER PRIMARY KEY, change_seq INTEGER NOT NULL, keys TEXT NOT NULL)`,
      );
      insert = s.prepare<[number, number, string]>(
        `INSERT OR REPLACE INTO ${PENDING_AUTHOR_KEYS} (paper_id, change_seq, keys) VALUES (?, ?, ?)`,
      );
    },
    add(paperId: number, changeSeq: number, keysJson: string): void {
      insert!.run(paperId, changeSeq, keysJson);
    },
  };
}
