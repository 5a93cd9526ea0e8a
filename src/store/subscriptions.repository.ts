import { sql } from 'kysely';
import type { DigestPeriodKind, DigestPreferences, Subscription, SubscriptionStatus } from '../digest/digest.models.js';
import type { Connection } from './database.js';
import type { SubscriptionsTable } from './schema.js';
import { flag } from './sql-helpers.js';

type Row = Omit<
  SubscriptionsTable,
  'id' | 'include_categories' | 'exclude_categories' | 'follow_authors' | 'for_you'
> & {
  id: number;
  include_categories: string;
  exclude_categories: string;
  follow_authors: string;
  for_you: boolean | number;
};

const words = (text: string) => text.split(/\s+/).filter(Boolean);

export function rowToSubscription(r: Row): Subscription {
  return {
    id: Number(r.id),
    email: r.email,
    userId: r.user_id === null ? null : Number(r.user_id),
    status: r.status as SubscriptionStatus,
    period: r.period as DigestPeriodKind,
    maxPapers: r.max_papers,
    includeCategories: words(r.include_categories),
    excludeCategories: words(r.exclude_categories),
    followAuthors: r.follow_authors.split('\n').filter(Boolean),
    forYou: Boolean(r.for_you),
    sendHour: r.send_hour,
    timezone: r.timezone,
    confirmSentAt: r.confirm_sent_at,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
  };
}

function preferenceColumns(conn: Connection, p: DigestPreferences) {
  return {
    period: p.period,
    max_papers: p.maxPapers,
    include_categories: p.includeCategories.join(' '),
    exclude_categories: p.excludeCategories.join(' '),
    follow_authors: p.followAuthors.join('\n'),
    for_you: flag(conn, p.forYou),
    send_hour: p.sendHour,
    timezone: p.timezone,
  };
}

export function createSubscriptionsRepository(conn: Connection) {
  const { db } = conn;
  const select = () => db.selectFrom('subscriptions').selectAll();
  const one = async (q: ReturnType<typeof select>) => {
    const row = await q.executeTakeFirst();
    return row ? rowToSubscription(row as Row) : null;
  };
  return {
    /** Emails are stored trimmed and lower-cased by the caller; throws a unique violation for a known address. */
    async create(s: {
      email: string;
      userId: number | null;
      status: SubscriptionStatus;
      preferences: DigestPreferences;
      now: string;
    }) {
      const row = await db
        .insertInto('subscriptions')
        .values({
          email: s.email,
          user_id: s.userId,
          status: s.status,
          ...preferenceColumns(conn, s.preferences),
          created_at: s.now,
          updated_at: s.now,
          confirmed_at: s.status === 'confirmed' ? s.now : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    findById: (id: number) => one(select().where('id', '=', id)),
    findByEmail: (email: string) => one(select().where('email', '=', email)),
    findByUserId: (userId: number) => one(select().where('user_id', '=', userId)),

    /** Back to pending (a re-subscription after leaving), remembering when the newest confirmation mail went out. */
    async markConfirmationSent(id: number, at: string): Promise<void> {
      await db
        .updateTable('subscriptions')
        .set((eb) => ({
          confirm_sent_at: at,
          updated_at: at,
          status: eb.case().when('status', '=', 'unsubscribed').then('pending').else(eb.ref('status')).end(),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** Pending → confirmed. False when it was not pending (already confirmed, or unsubscribed since). */
    async confirm(id: number, at: string): Promise<boolean> {
      const r = await db
        .updateTable('subscriptions')
        .set({ status: 'confirmed', confirmed_at: at, updated_at: at, unsubscribed_at: null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Any state → unsubscribed. False when it already was (a repeated one-click POST changes nothing). */
    async unsubscribe(id: number, at: string): Promise<boolean> {
      const r = await db
        .updateTable('subscriptions')
        .set({ status: 'unsubscribed', unsubscribed_at: at, updated_at: at })
        .where('id', '=', id)
        .where('status', '!=', 'unsubscribed')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** A signed-in account with a verified address subscribes (again) without a confirmation mail. */
    async confirmForUser(id: number, userId: number, at: string): Promise<void> {
      await db
        .updateTable('subscriptions')
        .set({ status: 'confirmed', user_id: userId, confirmed_at: at, unsubscribed_at: null, updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    async updatePreferences(id: number, preferences: DigestPreferences, at: string): Promise<void> {
      await db
        .updateTable('subscriptions')
        .set({ ...preferenceColumns(conn, preferences), updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    /** The (time zone, hour) pairs confirmed subscribers of a period use: the builder decides per pair what is due. */
    async schedules(period: DigestPeriodKind): Promise<Array<{ timezone: string; sendHour: number }>> {
      const rows = await db
        .selectFrom('subscriptions')
        .select(['timezone', 'send_hour'])
        .distinct()
        .where('status', '=', 'confirmed')
        .where('period', '=', period)
        .execute();
      return rows.map((r) => ({ timezone: r.timezone, sendHour: r.send_hour }));
    },

    /**
     * One page (by id) of confirmed subscribers who have no digest for `periodKey` yet, optionally only one
     * schedule or one address, and only those confirmed before the period was due (no back-filling).
     */
    async pageWithoutDigest(q: {
      period: DigestPeriodKind;
      periodKey: string;
      afterId: number;
      limit: number;
      schedule?: { timezone: string; sendHour: number };
      email?: string;
      confirmedBefore?: string;
    }): Promise<Subscription[]> {
      let query = select()
        .where('status', '=', 'confirmed')
        .where('period', '=', q.period)
        .where('id', '>', q.afterId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('digest_outbox as o')
                .select(sql`1`.as('one'))
                .whereRef('o.subscription_id', '=', 'subscriptions.id')
                .where('o.period_key', '=', q.periodKey),
            ),
          ),
        );
      if (q.schedule)
        query = query.where('timezone', '=', q.schedule.timezone).where('send_hour', '=', q.schedule.sendHour);
      if (q.email) query = query.where('email', '=', q.email);
      if (q.confirmedBefore) query = query.where('confirmed_at', '<', q.confirmedBefore);
      const rows = await query.orderBy('id').limit(q.limit).execute();
      return rows.map((r) => rowToSubscription(r as Row));
    },

    async countByStatus(): Promise<Record<SubscriptionStatus, number>> {
      const rows = await db
        .selectFrom('subscriptions')
        .select(['status', sql<number>`count(*)`.as('n')])
        .groupBy('status')
        .execute();
      const counts = { pending: 0, confirmed: 0, unsubscribed: 0 };
      for (const r of rows) counts[r.status as SubscriptionStatus] = Number(r.n);
      return counts;
    },
  };
}

export type SubscriptionsRepository = ReturnType<typeof createSubscriptionsRepository>;
