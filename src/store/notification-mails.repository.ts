import { sql } from 'kysely';
import type { NotificationMailRow } from '../notifications/notification-mail.models.js';
import type { Connection } from './database.js';
import { claimNextRow, recoverStaleClaims, settleClaimed } from './outbox-settle.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come from either dialect's driver
function toMailRow(r: any): NotificationMailRow {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  };
}

/**
 * The notification mails: batching pending notifications into one mail row per user (at most one per hour), and
 * the outbox protocol of digest_outbox (pending → sending → sent | pending again | failed | skipped), so the same
 * sender (digest/outbox-sender.ts drainQueue) delivers them: a notification is in at most one mail, and a mail is
 * sent at most once — except when the process dies between the SMTP server's acceptance and the mark.
 */
export function createNotificationMailsRepository(conn: Connection) {
  const { db } = conn;

  const settle = (id: number, holder: string, values: Record<string, string | null>) =>
    settleClaimed(db, 'notification_mails', { id, holder }, values);

  return {
    /** Users with notifications waiting for a mail, oldest waiting first (one page of them). */
    async usersWithPending(limit: number, afterUserId = 0): Promise<number[]> {
      const rows = await db
        .selectFrom('notifications')
        .select('user_id')
        .where('mail_state', '=', 'pending')
        .where('user_id', '>', afterUserId)
        .groupBy('user_id')
        .orderBy('user_id')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.user_id));
    },

    /** A user's notifications waiting for a mail, oldest first. */
    async pendingFor(userId: number) {
      const rows = await db
        .selectFrom('notifications')
        .select(['id', 'kind', 'created_at', 'read_at'])
        .where('user_id', '=', userId)
        .where('mail_state', '=', 'pending')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: Number(r.id), kind: r.kind, createdAt: r.created_at, readAt: r.read_at }));
    },

    /** Notifications that will never be mailed (read already, kind switched off, stale, no address). */
    async markOff(ids: number[]): Promise<void> {
      for (let i = 0; i < ids.length; i += 1000) {
        await db
          .updateTable('notifications')
          .set({ mail_state: 'off' })
          .where('id', 'in', ids.slice(i, i + 1000))
          .where('mail_state', '=', 'pending')
          .execute();
      }
    },

    /** When this user's newest notification mail was made, if any. */
    async lastMailAt(userId: number): Promise<string | null> {
      const row = await db
        .selectFrom('notification_mails')
        .select(sql<string>`max(created_at)`.as('at'))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.at ?? null;
    },

    /**
     * One mail row carrying `notificationIds`, in one transaction with moving them from pending to batched; null
     * (and nothing written) when another batcher took them first.
     */
    async createBatch(b: { userId: number; notificationIds: number[]; now: string }): Promise<number | null> {
      if (b.notificationIds.length === 0) return null;
      return db
        .transaction()
        .execute(async (trx) => {
          const mail = await trx
            .insertInto('notification_mails')
            .values({ user_id: b.userId, status: 'pending', attempts: 0, next_attempt_at: b.now, created_at: b.now })
            .returning('id')
            .executeTakeFirstOrThrow();
          const mailId = Number(mail.id);
          const r = await trx
            .updateTable('notifications')
            .set({ mail_state: 'batched', mail_id: mailId })
            .where('id', 'in', b.notificationIds)
            .where('user_id', '=', b.userId)
            .where('mail_state', '=', 'pending')
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== b.notificationIds.length) throw new BatchTaken();
          return mailId;
        })
        .catch((error) => {
          if (error instanceof BatchTaken) return null;
          throw error;
        });
    },

    /** The notifications a mail carries, oldest first. */
    async notificationIdsOf(mailId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('notifications')
        .select('id')
        .where('mail_id', '=', mailId)
        .orderBy('id')
        .execute();
      return rows.map((r) => Number(r.id));
    },

    async findById(id: number): Promise<NotificationMailRow | null> {
      const row = await db.selectFrom('notification_mails').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMailRow(row) : null;
    },

    recoverStale: (claimedBefore: string, now: string) =>
      recoverStaleClaims(db, 'notification_mails', claimedBefore, now),

    async claimNext(holder: string, now: string, opts: { dueBy?: string } = {}): Promise<NotificationMailRow | null> {
      const row = await claimNextRow(conn, 'notification_mails', { holder, now, dueBy: opts.dueBy });
      return row ? toMailRow(row) : null;
    },

    markSent: (id: number, holder: string, at: string) =>
      settle(id, holder, { status: 'sent', sent_at: at, last_error: null }),
    markRetry: (id: number, holder: string, retry: { at: string; error: string }) =>
      settle(id, holder, { status: 'pending', next_attempt_at: retry.at, last_error: retry.error }),
    markSkipped: (id: number, holder: string, reason: string) =>
      settle(id, holder, { status: 'skipped', last_error: reason }),
    markFailed: (id: number, holder: string, error: string) =>
      settle(id, holder, { status: 'failed', last_error: error }),

    /** Forgets settled mails made before `before` (the notifications they carried keep their own pruning rule). */
    async prune(before: string): Promise<number> {
      const r = await db
        .deleteFrom('notification_mails')
        .where('status', 'in', ['sent', 'failed', 'skipped'])
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

class BatchTaken extends Error {}
