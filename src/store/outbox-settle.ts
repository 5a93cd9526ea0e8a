// The last step of the outbox protocol shared by digest_outbox and notification_mails (pending → sending → sent |
// pending again | skipped | failed): a row leaves `sending` only by the holder that claimed it, so a sender whose
// claim was taken over after a crash cannot settle it twice.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type OutboxTable = 'digest_outbox' | 'notification_mails';

/** Settles a claimed row; false when it is no longer this holder's (released, or claimed by another process). */
export async function settleClaimed(
  db: Kysely<Database>,
  table: OutboxTable,
  claim: { id: number; holder: string },
  values: Record<string, string | null>,
): Promise<boolean> {
  // Both tables have the columns written here; Kysely types one table at a time.
  const r = await (db as unknown as Kysely<Pick<Database, 'digest_outbox'>>)
    .updateTable(table as 'digest_outbox')
    .set({ ...values, last_error: values.last_error?.slice(0, 2000) ?? null, claimed_by: null })
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', claim.holder)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
