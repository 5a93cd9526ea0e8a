import { sql } from 'kysely';
import type { UpvotedPaper, VoteResult } from '../community/votes.models.js';
import { hotness, type TrendingParams } from '../core/trending.js';
import type { Connection } from './database.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';
import { flag } from './sql-helpers.js';

export function createVotesRepository(conn: Connection, trending: TrendingParams) {
  const { db } = conn;
  return {
    /**
     * Sets one user's vote on a listed paper. `up` is the state the click asks for, not a toggle, so a double
     * submit cannot undo a vote. The vote-change table (each row is a named test in votes.repository.test.ts):
     *
     *   before | asked | votes row  | listing.upvotes | stored hotness
     *   none   | up    | inserted   | +1              | recomputed
     *   up     | none  | deleted    | −1              | recomputed
     *   up     | up    | unchanged  | unchanged       | unchanged      (repeated up)
     *   none   | none  | unchanged  | unchanged       | unchanged      (repeated none)
     *
     * The count moves only when this transaction inserted or deleted the row, and moves in SQL (upvotes ± 1), so
     * concurrent voters never lose an update and the count always equals the number of rows. Returns null, and
     * writes nothing, when the paper is not listed or its listing is hidden.
     */
    async setVote(v: { userId: number; paperId: number; up: boolean }): Promise<VoteResult | null> {
      return db.transaction().execute(async (trx) => {
        const listing = await trx
          .selectFrom('listings')
          .select(['id', 'upvotes'])
          .where('paper_id', '=', v.paperId)
          .where('hidden', '=', flag(conn, false))
          .executeTakeFirst();
        if (!listing) return null;
        let changed: boolean;
        if (v.up) {
          const inserted = await trx
            .insertInto('votes')
            .values({ user_id: v.userId, paper_id: v.paperId, created_at: new Date().toISOString() })
            .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
            .executeTakeFirst();
          changed = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
        } else {
          const deleted = await trx
            .deleteFrom('votes')
            .where('user_id', '=', v.userId)
            .where('paper_id', '=', v.paperId)
            .executeTakeFirst();
          changed = Number(deleted.numDeletedRows) > 0;
        }
        if (!changed) {
          const current = await trx
            .selectFrom('listings')
            .select('upvotes')
            .where('id', '=', listing.id)
            .executeTakeFirstOrThrow();
          return { changed, upvotes: current.upvotes, upvoted: v.up };
        }
        const updated = await trx
          .updateTable('listings')
          .set({ upvotes: v.up ? sql`upvotes + 1` : sql`upvotes - 1` })
          .where('id', '=', listing.id)
          .returning(['upvotes', 'created_at'])
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('listings')
          .set({ hotness: hotness(updated.upvotes, updated.created_at, trending) })
          .where('id', '=', listing.id)
          .execute();
        // The search index sorts by upvotes too: a new change number makes its follower re-read this paper.
        const seq = await trx
          .updateTable('counters')
          .set({ value: sql`value + 1` })
          .where('name', '=', 'paper_change_seq')
          .returning('value')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('papers')
          .set({ change_seq: Number(seq.value) })
          .where('id', '=', v.paperId)
          .execute();
        return { changed, upvotes: updated.upvotes, upvoted: v.up };
      });
    },

    /** Which of these papers the user has upvoted (for pressed upvote buttons). */
    async upvotedAmong(userId: number, paperIds: number[]): Promise<Set<number>> {
      if (paperIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('votes')
        .select('paper_id')
        .where('user_id', '=', userId)
        .where('paper_id', 'in', paperIds)
        .execute();
      return new Set(rows.map((r) => Number(r.paper_id)));
    },

    /** Visible listed papers a user upvoted, most recent vote first (profiles). */
    async listUpvotedBy(userId: number, limit: number): Promise<UpvotedPaper[]> {
      const rows = await db
        .selectFrom('votes as v')
        .innerJoin('papers as p', 'p.id', 'v.paper_id')
        .innerJoin('listings as l', 'l.paper_id', 'v.paper_id')
        .selectAll('p')
        .select('v.created_at as voted_at')
        .where('v.user_id', '=', userId)
        .where('l.hidden', '=', flag(conn, false))
        .orderBy('v.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ paper: rowToPaper(r as unknown as PaperRow), votedAt: r.voted_at }));
    },

    /** Bulk-inserts votes (demo data, imports) and recomputes the affected listings' counts in one transaction. */
    async addMany(votes: Array<{ userId: number; paperId: number; createdAt?: string }>): Promise<void> {
      if (votes.length === 0) return;
      await db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        for (let i = 0; i < votes.length; i += 500) {
          await trx
            .insertInto('votes')
            .values(
              votes
                .slice(i, i + 500)
                .map((v) => ({ user_id: v.userId, paper_id: v.paperId, created_at: v.createdAt ?? now })),
            )
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
