import type { SavedSearch } from '../digest/digest.models.js';
import type { Connection } from './database.js';
import { flag, isUniqueViolation } from './sql-helpers.js';

interface Row {
  id: number;
  subscription_id: number;
  query: string;
  category: string;
  has_code: boolean | number;
  created_at: string;
}

const toSavedSearch = (r: Row): SavedSearch => ({
  id: Number(r.id),
  subscriptionId: Number(r.subscription_id),
  query: r.query,
  category: r.category,
  hasCode: Boolean(r.has_code),
  createdAt: r.created_at,
});

export function createSavedSearchesRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** Returns the new id, or null when this subscriber already saved the same search. */
    async add(s: { subscriptionId: number; query: string; category: string; hasCode: boolean; now: string }) {
      try {
        const row = await db
          .insertInto('saved_searches')
          .values({
            subscription_id: s.subscriptionId,
            query: s.query,
            category: s.category,
            has_code: flag(conn, s.hasCode),
            created_at: s.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return Number(row.id);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    /** Removes one of this subscriber's searches; false when it is not theirs or already gone. */
    async remove(id: number, subscriptionId: number): Promise<boolean> {
      const r = await db
        .deleteFrom('saved_searches')
        .where('id', '=', id)
        .where('subscription_id', '=', subscriptionId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async listBySubscription(subscriptionId: number): Promise<SavedSearch[]> {
      const rows = await db
        .selectFrom('saved_searches')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .orderBy('id')
        .execute();
      return rows.map((r) => toSavedSearch(r as Row));
    },

    /** The saved searches of a page of subscribers, grouped by subscriber (the digest builder's batch read). */
    async listForSubscriptions(subscriptionIds: number[]): Promise<Map<number, SavedSearch[]>> {
      const out = new Map<number, SavedSearch[]>();
      for (let i = 0; i < subscriptionIds.length; i += 1000) {
        const rows = await db
          .selectFrom('saved_searches')
          .selectAll()
          .where('subscription_id', 'in', subscriptionIds.slice(i, i + 1000))
          .orderBy('id')
          .execute();
        for (const r of rows) {
          const s = toSavedSearch(r as Row);
          out.set(s.subscriptionId, [...(out.get(s.subscriptionId) ?? []), s]);
        }
      }
      return out;
    },
  };
}

export type SavedSearchesRepository = ReturnType<typeof createSavedSearchesRepository>;
