import { sql } from 'kysely';
import type { Connection } from './database.js';

export function createVotesRepository(conn: Connection) {
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
          await trx
            .updateTable('listings')
            .set({ upvotes: sql`upvotes + 1` })
            .where('paper_id', '=', paperId)
            .execute();
        }
        return { changed };
      });
    },
  };
}

export type VotesRepository = ReturnType<typeof createVotesRepository>;
