// Filing papers under their authors after the fact: the papers stored before author pages existed (migration 0011)
// and the papers a bulk import stored with `deferAuthors`. Resumable by paper id: the counter holds the highest id
// done (-1 once nothing is pending), and every step commits its rows and the counter together.
import { setImmediate } from 'node:timers/promises';
import { authorKey } from '../core/author-key.js';
import { authorRows } from './authors.repository.js';
import type { SqliteConnection } from './database.js';

export const BACKFILL_COUNTER = 'paper_authors_backfilled_to';

// Names repeat (prolific authors, collaborations): folding each spelling once per run saves most of the key work.
// Bounded, so memory stays flat however large the import.
const KEY_CACHE_LIMIT = 200_000;

// SQLite fast path: prepared statements, one range DELETE per step for whatever an earlier write filed for those
// papers, and a step's rows inserted in author-key order, so the (author_key, paper_id) index — at 1M papers far
// larger than the page cache — is walked once per step instead of at random. The foreign-key check is off for the
// step: it would look each paper up again, at random across the papers table (key order is not paper order), and
// every row names a paper read in the same transaction. (Key order with the check on was 2.4× slower in CPU time
// at 100k papers than paper order; without it they were even, and the gap grows with the store.)
export async function backfillAuthorsSqlite(conn: SqliteConnection, opts: { batchSize: number }): Promise<number> {
  const s = conn.sqlite;
  const counter = s.prepare('SELECT value FROM counters WHERE name = ?').pluck();
  const papers = s.prepare('SELECT id, authors_json FROM papers WHERE id > ? ORDER BY id LIMIT ?').raw();
  const clear = s.prepare('DELETE FROM paper_authors WHERE paper_id > ? AND paper_id <= ?');
  const insert = s.prepare('INSERT OR IGNORE INTO paper_authors (author_key, paper_id, position) VALUES (?, ?, ?)');
  const setCounter = s.prepare('UPDATE counters SET value = ? WHERE name = ?');
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let key = keys.get(name);
    if (key === undefined) {
      if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
      key = authorKey(name);
      keys.set(name, key);
    }
    return key;
  };
  const step = s.transaction((batchSize: number): number => {
    const after = Number(counter.get(BACKFILL_COUNTER) ?? -1);
    if (after < 0) return -1;
    const rows = papers.all(after, batchSize) as Array<[number, string]>;
    if (rows.length === 0) {
      setCounter.run(-1, BACKFILL_COUNTER);
      return -1;
    }
    clear.run(after, rows.at(-1)![0]);
    const filed = rows.flatMap(([id, json]) => authorRows(id, JSON.parse(json), keyOf));
    filed.sort((a, b) =>
      a.author_key < b.author_key ? -1 : a.author_key > b.author_key ? 1 : a.paper_id - b.paper_id,
    );
    for (const r of filed) insert.run(r.author_key, r.paper_id, r.position);
    setCounter.run(rows.length === batchSize ? rows.at(-1)![0] : -1, BACKFILL_COUNTER);
    return rows.length;
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
