// Filing papers under their authors after the fact: the papers stored before author pages existed (migration 0011)
// and the papers a bulk import stored with `deferAuthors`. Resumable by paper id: the counter holds the highest id
// done (-1 once nothing is pending), and every step commits its rows and the counter together.
import { setImmediate } from 'node:timers/promises';
import { authorKey } from '../core/author-key.js';
import type { SqliteConnection } from './database.js';
import { hasPendingAuthorKeys, PENDING_AUTHOR_KEYS } from './pending-author-keys.js';

export const BACKFILL_COUNTER = 'paper_authors_backfilled_to';

/**
 * Papers per step on SQLite, for the filing after an import and at start-up alike: large steps keep the key index
 * sorted, and each step walks the whole (author_key, paper_id) index once. At 1M papers 200,000 filed in 17.6 s,
 * 50,000 in 21.1 s and one step of 1,000,000 in 24.3 s (its sort no longer fits the page cache); at start-up, after
 * an interrupted import of 300k papers, steps of 2,000 took 14.0 s where this takes 6.1.
 */
export const SQLITE_AUTHOR_FILING_STEP = 200_000;

/** A step's author rows (key, paper id, position) folded from the papers' author lists. */
const FOLDED_ROWS = `
  SELECT author_key(json_extract(a.value, '$.name')) AS k, p.id AS id, CAST(a.key AS INTEGER) AS pos
  FROM papers p, json_each(p.authors_json) a
  WHERE p.id > ? AND p.id <= ?`;
/**
 * The same rows, taken from the keys the import folded ahead (pending-author-keys.ts) for every paper still as it
 * was stored then, and folded as above for the rest. At 1M papers reading the author lists back and folding each
 * name in JavaScript was a third of the filing (6.2 of 20 s); the keys' own table is small and json_each over an
 * array of strings is cheap.
 */
const PENDING_OR_FOLDED_ROWS = `
  SELECT j.value AS k, t.paper_id AS id, CAST(j.key AS INTEGER) AS pos
  FROM ${PENDING_AUTHOR_KEYS} t JOIN papers p ON p.id = t.paper_id AND p.change_seq = t.change_seq,
    json_each(t.keys) j
  WHERE t.paper_id > ? AND t.paper_id <= ?
  UNION ALL
  ${FOLDED_ROWS} AND NOT EXISTS (
    SELECT 1 FROM ${PENDING_AUTHOR_KEYS} t WHERE t.paper_id = p.id AND t.change_seq = p.change_seq)`;

// SQLite fast path, set-wise: one INSERT … SELECT per step reads the step's papers, unpacks each author list with
// json_each and folds each name through `author_key` — core/author-key.ts registered as an SQL function, so the
// keys are the same ones the rest of the code computes (or takes the keys the import folded ahead) — and inserts
// the rows in author-key order, so the (author_key, paper_id) index — at 1M papers far larger than the page
// cache — is walked once per step instead of at random. Before, each step parsed every author list in JavaScript, built and sorted an object per row and made
// one statement call per row: 27 % of a 100k import's CPU and the import's memory peak. A name repeated in one list
// keeps its first position (rows are ordered by position within a key, and INSERT OR IGNORE keeps the first), and a
// name without letters or digits files nothing, as `authorRows` does. The foreign-key check is off for the step:
// it would look each paper up again, at random across the papers table (key order is not paper order), and every
// row names a paper read in the same statement.
export async function backfillAuthorsSqlite(conn: SqliteConnection, opts: { batchSize: number }): Promise<number> {
  const s = conn.sqlite;
  registerAuthorKeyFunction(s);
  const counter = s.prepare('SELECT value FROM counters WHERE name = ?').pluck();
  const stepRange = s
    .prepare('SELECT count(*), max(id) FROM (SELECT id FROM papers WHERE id > ? ORDER BY id LIMIT ?)')
    .raw();
  const clear = s.prepare('DELETE FROM paper_authors WHERE paper_id > ? AND paper_id <= ?');
  const pending = hasPendingAuthorKeys(s);
  const insert = s.prepare(
    `INSERT OR IGNORE INTO paper_authors (author_key, paper_id, position)
     SELECT k, id, pos FROM (${pending ? PENDING_OR_FOLDED_ROWS : FOLDED_ROWS})
     WHERE k <> ''
     ORDER BY k, id, pos`,
  );
  const range = (after: number, last: number) => (pending ? [after, last, after, last] : [after, last]);
  const forgetPending = pending ? s.prepare(`DELETE FROM ${PENDING_AUTHOR_KEYS} WHERE paper_id <= ?`) : null;
  const setCounter = s.prepare('UPDATE counters SET value = ? WHERE name = ?');
  // Author pages are cached by the change sequence (web/plugins/page-cache.ts): rows filed after their papers were
  // stored change what /authors/… shows, so each step bumps it once (a per-row trigger would cost a write a row).
  const bumpPages = s.prepare("UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'");
  const step = s.transaction((batchSize: number): number => {
    const after = Number(counter.get(BACKFILL_COUNTER) ?? -1);
    if (after < 0) return -1;
    const [done, last] = stepRange.get(after, batchSize) as [number, number | null];
    if (last === null) {
      setCounter.run(-1, BACKFILL_COUNTER);
      return -1;
    }
    clear.run(after, last);
    if (insert.run(range(after, last)).changes > 0) bumpPages.run();
    forgetPending?.run(last);
    setCounter.run(done === batchSize ? last : -1, BACKFILL_COUNTER);
    return done;
  });
  let total = 0;
  const foreignKeys = s.pragma('foreign_keys', { simple: true }) === 1;
  for (;;) {
    // A pragma a transaction cannot change: set around the step, which is synchronous, so no other statement of
    // this connection runs in between.
    if (foreignKeys) s.pragma('foreign_keys = OFF');
    let done: number;
    try {
      done = step(Math.max(1, opts.batchSize));
    } finally {
      if (foreignKeys) s.pragma('foreign_keys = ON');
    }
    if (done <= 0) return total;
    total += done;
    await setImmediate(); // a long backfill (a 1M import) lets the event loop breathe between steps
  }
}

const registered = new WeakSet<SqliteConnection['sqlite']>();

/** `author_key(name)` in SQL: the same fold as core/author-key.ts. */
function registerAuthorKeyFunction(s: SqliteConnection['sqlite']): void {
  if (registered.has(s)) return;
  registered.add(s);
  s.function('author_key', { deterministic: true }, (name: unknown) =>
    typeof name === 'string' ? authorKey(name) : '',
  );
}
