import { sql } from 'kysely';
import type { BuiltDigest, OutboxRow, OutboxStatus } from '../digest/digest.models.js';
import type { Connection } from './database.js';
import { insertBuiltDigests } from './digest-outbox.insert.js';
import { claimNextRow, recoverStaleClaims, settleClaimed } from './outbox-settle.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come from either dialect's driver
function toOutboxRow(r: any): OutboxRow {
  return {
    id: Number(r.id),
    subscriptionId: Number(r.subscription_id),
    periodKey: r.period_key,
    status: r.status,
    content: JSON.parse(r.content_json),
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    claimedAt: r.claimed_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/**
 * The digest outbox. A row per (subscriber, period) under a unique key, so a digest is built once; a sender claims
 * one row at a time (pending → sending), hands it to SMTP, then marks it sent, so it is sent at most once — except
 * when the process dies between the SMTP server's acceptance and the mark, the documented in-flight window.
 */
export function createDigestOutboxRepository(conn: Connection) {
  const { db } = conn;
  const settle = (id: number, holder: string, values: Record<string, string | null>) =>
    settleClaimed(db, 'digest_outbox', { id, holder }, values);

  return {
    /** Writes built digests and the papers they contain in one transaction; returns how many were new. */
    insertBuilt: (digests: BuiltDigest[], now: string) => insertBuiltDigests(conn, digests, now),

    /**
     * Forgets which papers were sent in digests built before `builtBefore` (the outbox rows themselves stay: they
     * keep each period from being built twice and carry the clicks). Returns how many records went.
     */
    async pruneSentRecords(builtBefore: string): Promise<number> {
      const r = await db
        .deleteFrom('digest_sent_papers')
        .where('outbox_id', 'in', (eb) =>
          eb.selectFrom('digest_outbox').select('id').where('created_at', '<', builtBefore),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Interrupted sends (a crashed sender's "sending" rows) go back to pending: they will be sent again. */
    async recoverStale(claimedBefore: string, now: string): Promise<number> {
      return recoverStaleClaims(db, 'digest_outbox', claimedBefore, now);
    },

    /**
     * Claims the next pending row due by `dueBy` (default `now`) for `holder`, counting an attempt; null when none
     * is due. A sender passes its start time as `dueBy`, so a row it scheduled for retry waits for a later run.
     */
    async claimNext(
      holder: string,
      now: string,
      opts: { dueBy?: string; onlySubscriptionId?: number } = {},
    ): Promise<OutboxRow | null> {
      const only = opts.onlySubscriptionId;
      const row = await claimNextRow(
        conn,
        'digest_outbox',
        { holder, now, dueBy: opts.dueBy },
        only === undefined ? undefined : (q) => q.where('subscription_id', '=', only),
      );
      return row ? toOutboxRow(row) : null;
    },

    async markSent(id: number, holder: string, at: string): Promise<boolean> {
      return settle(id, holder, { status: 'sent', sent_at: at, last_error: null });
    },

    async markRetry(id: number, holder: string, retry: { at: string; error: string }): Promise<boolean> {
      return settle(id, holder, { status: 'pending', next_attempt_at: retry.at, last_error: retry.error });
    },

    async markSkipped(id: number, holder: string, reason: string): Promise<boolean> {
      return settle(id, holder, { status: 'skipped', last_error: reason });
    },

    /** A permanent failure: recorded for the operator, and its papers may be sent to this subscriber another time. */
    async markFailed(id: number, holder: string, error: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        if (!(await settleClaimed(trx, 'digest_outbox', { id, holder }, { status: 'failed', last_error: error }))) {
          return false;
        }
        await trx.deleteFrom('digest_sent_papers').where('outbox_id', '=', id).execute();
        return true;
      });
    },

    async findById(id: number): Promise<OutboxRow | null> {
      const row = await db.selectFrom('digest_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toOutboxRow(row) : null;
    },

    /** Which of `paperIds` each subscriber was already sent (the builder's batch read). */
    async sentAmong(subscriptionIds: number[], paperIds: number[]): Promise<Map<number, Set<number>>> {
      const out = new Map<number, Set<number>>();
      if (paperIds.length === 0) return out;
      for (let i = 0; i < subscriptionIds.length; i += 1000) {
        const rows = await db
          .selectFrom('digest_sent_papers')
          .select(['subscription_id', 'paper_id'])
          .where('subscription_id', 'in', subscriptionIds.slice(i, i + 1000))
          .where('paper_id', 'in', paperIds)
          .execute();
        for (const r of rows) {
          const id = Number(r.subscription_id);
          const set = out.get(id) ?? new Set<number>();
          set.add(Number(r.paper_id));
          out.set(id, set);
        }
      }
      return out;
    },

    /** Records the first click on a paper in a digest; returns the subscriber, or null for an unknown digest. */
    async recordClick(c: { outboxId: number; paperId: number; at: string }): Promise<number | null> {
      const row = await db
        .selectFrom('digest_outbox')
        .select('subscription_id')
        .where('id', '=', c.outboxId)
        .executeTakeFirst();
      if (!row) return null;
      const subscriptionId = Number(row.subscription_id);
      await db
        .insertInto('digest_clicks')
        .values({ subscription_id: subscriptionId, paper_id: c.paperId, outbox_id: c.outboxId, clicked_at: c.at })
        .onConflict((oc) => oc.columns(['subscription_id', 'paper_id']).doNothing())
        .execute();
      return subscriptionId;
    },

    async countByStatus(): Promise<Record<OutboxStatus, number>> {
      const rows = await db
        .selectFrom('digest_outbox')
        .select(['status', sql<number>`count(*)`.as('n')])
        .groupBy('status')
        .execute();
      const counts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
      for (const r of rows) counts[r.status as OutboxStatus] = Number(r.n);
      return counts;
    },

    /**
     * Digests waiting to go out (pending, including those backing off), being sent, and failed for good: the
     * outbox depth an operator alerts on. Reads the status index, never the sent history.
     */
    async depth(): Promise<{ pending: number; sending: number; failed: number }> {
      const rows = await db
        .selectFrom('digest_outbox')
        .select(['status', sql<number>`count(*)`.as('n')])
        .where('status', 'in', ['pending', 'sending', 'failed'])
        .groupBy('status')
        .execute();
      const depth = { pending: 0, sending: 0, failed: 0 };
      for (const r of rows) depth[r.status as keyof typeof depth] = Number(r.n);
      return depth;
    },

    /** Rows in a state, newest first, with the recipient: the operator's page of failures and retries. */
    async listWithEmail(q: {
      status: OutboxStatus;
      limit: number;
      withError?: boolean;
    }): Promise<Array<OutboxRow & { email: string }>> {
      let query = db
        .selectFrom('digest_outbox as o')
        .innerJoin('subscriptions as s', 's.id', 'o.subscription_id')
        .selectAll('o')
        .select('s.email')
        .where('o.status', '=', q.status);
      if (q.withError) query = query.where('o.last_error', 'is not', null);
      const rows = await query.orderBy('o.id', 'desc').limit(q.limit).execute();
      return rows.map((r) => ({ ...toOutboxRow(r), email: r.email }));
    },
  };
}

export type DigestOutboxRepository = ReturnType<typeof createDigestOutboxRepository>;
