import { sql } from 'kysely';
import { hotness, type TrendingParams } from '../core/trending.js';
import type { Connection } from './database.js';

export function createVotesRepository(conn: Connection, trending: TrendingParams) {
  const { db } = conn;
  return {
    /**
     * Records an upvote and bumps the listing's count in one transaction. A second upvote by the same user
     * changes nothing (the primary key refuses it and the count is only bumped for a new row).
     */
    async upvote(userId: number, paperId: number): Promise<{ changed: boolean }> {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('votes')
          .values({ user_id: userId, paper_id: paperId, created_at: new Date().toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
          .executeTakeFirst();
        const changed = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
        if (changed) {
          // The increment happens in SQL, so concurrent voters never lose an update; hotness follows from the
          // row this transaction now holds locked.
          const listing = await trx
            .updateTable('listings')
            .set({ upvotes: sql`upvotes + 1` })
            .where('paper_id', '=', paperId)
            .returning(['id', 'upvotes', 'created_at'])
            .executeTakeFirst();
          if (listing) {
            await trx
              .updateTable('listings')
              .set({ hotness: hotness(listing.upvotes, listing.created_at, trending) })
              .where('id', '=', listing.id)
              .execute();
          }
        }
        return { changed };
      });
    },

    /** Bulk-inserts votes (demo data, imports) and recomputes the affected listings' counts in one transaction. */
    async addMany(votes: Array<{ userId: number; paperId: number; createdAt?: string }>): Promise<void> {
      if (votes.length === 0) return;
      await db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        for (let i = 0; i < votes.length; i += 500) {
          await trx
            .insertInto('votes')
            .values(votes.slice(i, i + 500).map((v) => ({ user_id: v.userId, paper_id: v.paperId, created_at: v.createdAt ?? now })))
            .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
            .execute();
        }
        const listings = await trx
          .updateTable('listings')
          .set({ upvotes: sql`(SELECT count(*) FROM votes WHERE votes.paper_id = listings.paper_id)` })
          .returning(['id', 'upvotes', 'created_at'])
          .execute();
        for (const l of listings) {
          await trx
            .updateTable('listings')
            .set({ hotness: hotness(l.upvotes, l.created_at, trending) })
            .where('id', '=', l.id)
            .execute();
        }
      });
    },
  };
}

export type VotesRepository = ReturnType<typeof createVotesRepository>;
