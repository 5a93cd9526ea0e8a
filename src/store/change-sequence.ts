// The page version: a number that grows whenever anything a page shows changes — papers (paper_change_seq, bumped
// by every paper write and by votes that change a count) and listings, votes, comments, moderation, accounts,
// collections and claims (page_change_seq, bumped by triggers in the writing transaction, migration 0012). Read
// per request by the page cache, so it must stay one primary-key read: on SQLite a prepared statement (about a
// microsecond; Kysely's query compilation would cost more than the read), on PostgreSQL one round trip, which
// every app process makes against the same rows — a write by any process is seen by all of them.
import { sql } from 'kysely';
import type { Connection } from './database.js';

const NAMES = ['paper_change_seq', 'page_change_seq'] as const;

export interface ChangeSequence {
  /** The current page version; a reader that reads it before reading the data never pairs old data with a new number. */
  current(): Promise<number>;
}

export function createChangeSequence(conn: Connection): ChangeSequence {
  if (conn.dialect === 'sqlite') {
    const read = conn.sqlite
      .prepare(`SELECT COALESCE(SUM(value), 0) FROM counters WHERE name IN (${NAMES.map(() => '?').join(', ')})`)
      .pluck();
    return { current: async () => Number(read.get(...NAMES)) };
  }
  return {
    async current() {
      const { rows } = await sql<{ v: number | string }>`
        SELECT COALESCE(SUM(value), 0) AS v FROM counters WHERE name IN (${sql.join([...NAMES])})`.execute(conn.db);
      return Number(rows[0]?.v ?? 0);
    },
  };
}
