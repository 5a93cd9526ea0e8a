import { sql } from 'kysely';
import type { Interaction, StoredRecModel } from '../digest/digest.models.js';
import type { Connection } from './database.js';

// biome-ignore lint/suspicious/noExplicitAny: rows come from either dialect's driver
const toModel = (r: any): StoredRecModel => ({
  userId: Number(r.user_id),
  weights: r.weights,
  bias: Number(r.bias),
  positives: Number(r.positives),
  trainedThrough: r.trained_through,
  trainedAt: r.trained_at,
});

export function createRecommendationsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** A user's interactions, newest first (one row per source and paper). */
    async interactionsOf(userId: number, limit = 1000): Promise<Interaction[]> {
      const [votes, saved, clicks] = await Promise.all([
        db.selectFrom('votes').select(['paper_id', 'created_at as at']).where('user_id', '=', userId).execute(),
        db
          .selectFrom('collection_items as ci')
          .innerJoin('collections as c', 'c.id', 'ci.collection_id')
          .select(['ci.paper_id', 'ci.added_at as at'])
          .where('c.user_id', '=', userId)
          .execute(),
        db
          .selectFrom('digest_clicks as k')
          .innerJoin('subscriptions as s', 's.id', 'k.subscription_id')
          .select(['k.paper_id', 'k.clicked_at as at'])
          .where('s.user_id', '=', userId)
          .execute(),
      ]);
      const all: Interaction[] = [
        ...votes.map((r) => ({ paperId: Number(r.paper_id), at: r.at, kind: 'upvote' as const })),
        ...saved.map((r) => ({ paperId: Number(r.paper_id), at: r.at, kind: 'collection' as const })),
        ...clicks.map((r) => ({ paperId: Number(r.paper_id), at: r.at, kind: 'click' as const })),
      ];
      return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
    },

    /** Users with an interaction at or after `since`, with their newest interaction time: the active users. */
    async activeUsersSince(since: string): Promise<Map<number, string>> {
      const [votes, saved, clicks] = await Promise.all([
        db
          .selectFrom('votes')
          .select(['user_id', sql<string>`max(created_at)`.as('latest')])
          .where('created_at', '>=', since)
          .groupBy('user_id')
          .execute(),
        db
          .selectFrom('collection_items as ci')
          .innerJoin('collections as c', 'c.id', 'ci.collection_id')
          .select(['c.user_id', sql<string>`max(ci.added_at)`.as('latest')])
          .where('ci.added_at', '>=', since)
          .groupBy('c.user_id')
          .execute(),
        db
          .selectFrom('digest_clicks as k')
          .innerJoin('subscriptions as s', 's.id', 'k.subscription_id')
          .select(['s.user_id', sql<string>`max(k.clicked_at)`.as('latest')])
          .where('k.clicked_at', '>=', since)
          .where('s.user_id', 'is not', null)
          .groupBy('s.user_id')
          .execute(),
      ]);
      const latest = new Map<number, string>();
      for (const r of [...votes, ...saved, ...clicks]) {
        const id = Number(r.user_id);
        // PostgreSQL's max(timestamptz) arrives as a Date-parsed ISO string, SQLite's as the stored text.
        const at = new Date(r.latest).toISOString();
        if (!latest.has(id) || latest.get(id)! < at) latest.set(id, at);
      }
      return latest;
    },

    /** Which of `paperIds` each user upvoted (one query for a page of digest subscribers). */
    async upvotedAmong(userIds: number[], paperIds: number[]): Promise<Map<number, Set<number>>> {
      const out = new Map<number, Set<number>>();
      if (userIds.length === 0 || paperIds.length === 0) return out;
      for (let i = 0; i < userIds.length; i += 1000) {
        const rows = await db
          .selectFrom('votes')
          .select(['user_id', 'paper_id'])
          .where('user_id', 'in', userIds.slice(i, i + 1000))
          .where('paper_id', 'in', paperIds)
          .execute();
        for (const r of rows) {
          const set = out.get(Number(r.user_id)) ?? new Set<number>();
          set.add(Number(r.paper_id));
          out.set(Number(r.user_id), set);
        }
      }
      return out;
    },

    async getModels(userIds: number[]): Promise<Map<number, StoredRecModel>> {
      const out = new Map<number, StoredRecModel>();
      for (let i = 0; i < userIds.length; i += 1000) {
        const rows = await db
          .selectFrom('rec_models')
          .selectAll()
          .where('user_id', 'in', userIds.slice(i, i + 1000))
          .execute();
        for (const r of rows) out.set(Number(r.user_id), toModel(r));
      }
      return out;
    },

    async saveModel(m: StoredRecModel): Promise<void> {
      const values = {
        user_id: m.userId,
        weights: m.weights,
        bias: m.bias,
        positives: m.positives,
        trained_through: m.trainedThrough,
        trained_at: m.trainedAt,
      };
      await db
        .insertInto('rec_models')
        .values(values)
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },
  };
}

export type RecommendationsRepository = ReturnType<typeof createRecommendationsRepository>;
