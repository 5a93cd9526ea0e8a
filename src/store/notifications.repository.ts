import { sql } from 'kysely';
import type {
  MailState,
  NotificationDraft,
  NotificationKind,
  StoredNotification,
} from '../notifications/notifications.models.js';
import type { Connection } from './database.js';
import { createNotificationMailsRepository } from './notification-mails.repository.js';
import { flag } from './sql-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come from either dialect's driver
function toNotification(r: any): StoredNotification {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    kind: r.kind as NotificationKind,
    dedupeKey: r.dedupe_key,
    paperId: r.paper_id === null ? null : Number(r.paper_id),
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    data: JSON.parse(r.data_json),
    createdAt: r.created_at,
    readAt: r.read_at,
    mailState: r.mail_state as MailState,
  };
}

/**
 * Notifications, one row per (user, kind, dedupe key): inserting an event twice does nothing. The unread count
 * reads a partial index of unread rows only, so it stays one cheap lookup per signed-in page.
 */
export function createNotificationsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** Inserts the drafts not recorded before; returns the ones that are new. */
    async insertMany(
      drafts: ReadonlyArray<NotificationDraft & { mailState: MailState }>,
      now: string,
    ): Promise<StoredNotification[]> {
      if (drafts.length === 0) return [];
      const inserted: StoredNotification[] = [];
      // 11 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535-parameter limit.
      for (let i = 0; i < drafts.length; i += 1000) {
        const rows = await db
          .insertInto('notifications')
          .values(
            drafts.slice(i, i + 1000).map((d) => ({
              user_id: d.userId,
              kind: d.kind,
              dedupe_key: d.dedupeKey,
              paper_id: d.paperId ?? null,
              actor_user_id: d.actorUserId ?? null,
              data_json: JSON.stringify(d.data),
              created_at: now,
              read_at: null,
              mail_state: d.mailState,
              mail_id: null,
            })),
          )
          .onConflict((oc) => oc.columns(['user_id', 'kind', 'dedupe_key']).doNothing())
          .returningAll()
          .execute();
        inserted.push(...rows.map(toNotification));
      }
      return inserted;
    },

    /** A user's notifications, newest first; `beforeId` pages on (keyset, so new arrivals never shift a page). */
    async listForUser(userId: number, opts: { beforeId?: number; limit: number }): Promise<StoredNotification[]> {
      let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
      if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
      const rows = await q.orderBy('id', 'desc').limit(opts.limit).execute();
      return rows.map(toNotification);
    },

    async findByIds(ids: number[]): Promise<StoredNotification[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('notifications').selectAll().where('id', 'in', ids).orderBy('id').execute();
      return rows.map(toNotification);
    },

    async unreadCount(userId: number): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select(sql<number>`count(*)`.as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Marks one of the user's own notifications read; false when it is not theirs (or does not exist). */
    async markRead(userId: number, id: number, now: string): Promise<boolean> {
      const r = await db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return true;
      const row = await db
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Marks every unread notification up to `upToId` read (one that arrived after the page was shown stays unread). */
    async markAllRead(userId: number, now: string, upToId?: number): Promise<number> {
      let q = db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (upToId !== undefined) q = q.where('id', '<=', upToId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async mailPrefs(userId: number): Promise<Array<{ kind: string; enabled: boolean }>> {
      const rows = await db
        .selectFrom('notification_mail_prefs')
        .select(['kind', 'enabled'])
        .where('user_id', '=', userId)
        .execute();
      return rows.map((r) => ({ kind: r.kind, enabled: Boolean(r.enabled) }));
    },

    /** The stored choices of many users at once (the recording and batching paths). */
    async mailPrefsOf(userIds: number[]): Promise<Map<number, Array<{ kind: string; enabled: boolean }>>> {
      const out = new Map<number, Array<{ kind: string; enabled: boolean }>>();
      for (let i = 0; i < userIds.length; i += 1000) {
        const rows = await db
          .selectFrom('notification_mail_prefs')
          .select(['user_id', 'kind', 'enabled'])
          .where('user_id', 'in', userIds.slice(i, i + 1000))
          .execute();
        for (const r of rows) {
          const list = out.get(Number(r.user_id)) ?? [];
          list.push({ kind: r.kind, enabled: Boolean(r.enabled) });
          out.set(Number(r.user_id), list);
        }
      }
      return out;
    },

    async setMailPrefs(userId: number, prefs: ReadonlyArray<{ kind: string; enabled: boolean }>, now: string) {
      if (prefs.length === 0) return;
      await db
        .insertInto('notification_mail_prefs')
        .values(prefs.map((p) => ({ user_id: userId, kind: p.kind, enabled: flag(conn, p.enabled), updated_at: now })))
        .onConflict((oc) =>
          oc.columns(['user_id', 'kind']).doUpdateSet({
            enabled: (eb) => eb.ref('excluded.enabled'),
            updated_at: (eb) => eb.ref('excluded.updated_at'),
          }),
        )
        .execute();
    },

    /** Accounts by username, case-insensitively (usernames are unique regardless of case): who an @mention names. */
    async usersByUsernames(usernames: string[]): Promise<Array<{ id: number; username: string }>> {
      if (usernames.length === 0) return [];
      const lower = [...new Set(usernames.map((u) => u.toLowerCase()))];
      // SQLite's column is COLLATE NOCASE (its unique index serves IN); PostgreSQL's index is on lower(username).
      const rows =
        conn.dialect === 'sqlite'
          ? await db.selectFrom('users').select(['id', 'username']).where('username', 'in', lower).execute()
          : await db
              .selectFrom('users')
              .select(['id', 'username'])
              .where((eb) => eb(eb.fn('lower', ['username']), 'in', lower))
              .execute();
      return rows.map((r) => ({ id: Number(r.id), username: r.username }));
    },

    /** For each paper, the users who upvoted it or saved it to one of their collections (each once). */
    async watchersOf(paperIds: number[]): Promise<Map<number, number[]>> {
      const out = new Map<number, Set<number>>();
      for (let i = 0; i < paperIds.length; i += 1000) {
        const chunk = paperIds.slice(i, i + 1000);
        const rows = await db
          .selectFrom('votes')
          .select(['paper_id', 'user_id'])
          .where('paper_id', 'in', chunk)
          .union(
            db
              .selectFrom('collection_items as ci')
              .innerJoin('collections as c', 'c.id', 'ci.collection_id')
              .select(['ci.paper_id', 'c.user_id'])
              .where('ci.paper_id', 'in', chunk),
          )
          .execute();
        for (const r of rows) {
          const set = out.get(Number(r.paper_id)) ?? new Set<number>();
          set.add(Number(r.user_id));
          out.set(Number(r.paper_id), set);
        }
      }
      return new Map([...out].map(([paperId, users]) => [paperId, [...users].sort((a, b) => a - b)]));
    },

    /**
     * Deletes by the pruning rule (notifications.models.ts PRUNE_RULE): read ones created before `readBefore`,
     * any created before `unreadBefore`, and beyond the newest `maxPerUser` of each user.
     */
    async prune(rule: { readBefore: string; unreadBefore: string; maxPerUser: number }): Promise<number> {
      const old = await db
        .deleteFrom('notifications')
        .where((eb) =>
          eb.or([
            eb('created_at', '<', rule.unreadBefore),
            eb.and([eb('created_at', '<', rule.readBefore), eb('read_at', 'is not', null)]),
          ]),
        )
        .executeTakeFirst();
      let deleted = Number(old.numDeletedRows);
      const crowded = await db
        .selectFrom('notifications')
        .select('user_id')
        .groupBy('user_id')
        .having(sql<number>`count(*)`, '>', rule.maxPerUser)
        .execute();
      for (const { user_id } of crowded) {
        const boundary = await db
          .selectFrom('notifications')
          .select('id')
          .where('user_id', '=', user_id)
          .orderBy('id', 'desc')
          .offset(rule.maxPerUser - 1)
          .limit(1)
          .executeTakeFirst();
        if (!boundary) continue;
        const r = await db
          .deleteFrom('notifications')
          .where('user_id', '=', user_id)
          .where('id', '<', boundary.id)
          .executeTakeFirst();
        deleted += Number(r.numDeletedRows);
      }
      return deleted;
    },

    // The hourly mails: batching, and the outbox they go through.
    mails: createNotificationMailsRepository(conn),
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
