// The steps of the outbox protocol shared by digest_outbox and notification_mails (pending → sending → sent |
// pending again | skipped | failed): a sender claims one due row at a time, a crashed sender's claims go back to
// pending, and a row leaves `sending` only by the holder that claimed it, so a sender whose claim was taken over
// after a crash cannot settle it twice.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Connection } from './database.js';
import type { Database } from './schema.js';

export type OutboxTable = 'digest_outbox' | 'notification_mails';

// Both tables have the protocol's columns; Kysely types one table at a time.
type OneOutbox = Pick<Database, 'digest_outbox'>;
const asOne = (db: Kysely<Database>) => db as unknown as Kysely<OneOutbox>;

/**
 * Claims the next pending row due by `dueBy` (default `now`) for `holder`, counting an attempt; the raw row, or
 * undefined when none is due. `narrow` adds a condition on the candidate (digest_outbox: one subscription).
 */
export async function claimNextRow(
  conn: Connection,
  table: OutboxTable,
  claim: { holder: string; now: string; dueBy?: string },
  // biome-ignore lint/suspicious/noExplicitAny: the candidate query of either table
  narrow?: (q: SelectQueryBuilder<OneOutbox, 'digest_outbox', { id: number }>) => any,
) {
  const db = asOne(conn.db);
  let next = db
    .selectFrom(table as 'digest_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', claim.dueBy ?? claim.now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1);
  if (narrow) next = narrow(next);
  // Several senders on PostgreSQL each take a different row instead of queueing on the same one.
  if (conn.dialect === 'postgres') next = next.forUpdate().skipLocked();
  return db
    .updateTable(table as 'digest_outbox')
    .set({ status: 'sending', claimed_at: claim.now, claimed_by: claim.holder, attempts: sql`attempts + 1` })
    .where('id', '=', next)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** Interrupted sends (a crashed sender's `sending` rows claimed before `claimedBefore`) go back to pending. */
export async function recoverStaleClaims(
  db: Kysely<Database>,
  table: OutboxTable,
  claimedBefore: string,
  now: string,
): Promise<number> {
  const r = await asOne(db)
    .updateTable(table as 'digest_outbox')
    .set({ status: 'pending', next_attempt_at: now, claimed_by: null })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', claimedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Settles a claimed row; false when it is no longer this holder's (released, or claimed by another process). */
export async function settleClaimed(
  db: Kysely<Database>,
  table: OutboxTable,
  claim: { id: number; holder: string },
  values: Record<string, string | null>,
): Promise<boolean> {
  const r = await asOne(db)
    .updateTable(table as 'digest_outbox')
    .set({ ...values, last_error: values.last_error?.slice(0, 2000) ?? null, claimed_by: null })
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', claim.holder)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
