// Failed sign-ins in a row per key, for the sign-in backoff. The rule (how long to wait after n failures) lives
// in community/login-throttle.usecases.ts; this file only offers the atomic steps it is built from: an attempt is
// counted by a compare-and-set on the failure count, so concurrent attempts from several processes each count
// once and none slips through on a stale read.
import type { LoginFailures } from '../community/accounts.models.js';
import type { Connection } from './database.js';

export function createLoginFailuresRepository(conn: Connection) {
  const { db } = conn;
  return {
    async read(key: string): Promise<LoginFailures | null> {
      const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
      return row
        ? {
            failures: Number(row.failures),
            nextAttemptAt: Number(row.next_attempt_at),
            updatedAt: Number(row.updated_at),
          }
        : null;
    },

    /**
     * Moves `key` from `expected` failures (null: no row) to `next`, unless another attempt changed it first.
     * Returns whether this call made the change.
     */
    async compareAndSet({ key, expected, next }: { key: string; expected: number | null; next: LoginFailures }) {
      const values = { failures: next.failures, next_attempt_at: next.nextAttemptAt, updated_at: next.updatedAt };
      if (expected === null) {
        const r = await db
          .insertInto('login_failures')
          .values({ key, ...values })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst();
        return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
      }
      const r = await db
        .updateTable('login_failures')
        .set(values)
        .where('key', '=', key)
        .where('failures', '=', expected)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async clear(key: string): Promise<void> {
      await db.deleteFrom('login_failures').where('key', '=', key).execute();
    },

    /** Forgets keys with no attempt since `before` (ms since the epoch); returns how many. */
    async prune(before: number): Promise<number> {
      const r = await db.deleteFrom('login_failures').where('updated_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type LoginFailuresRepository = ReturnType<typeof createLoginFailuresRepository>;
