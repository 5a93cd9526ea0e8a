import { sql } from 'kysely';
import type { PaperFeedback, PaperFeedbackKind } from '../digest/recommend/feedback.models.js';
import type { Connection } from './database.js';

const CHUNK = 1000;

export function createPaperFeedbackRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** Records the feedback; marking a paper again keeps the first time. True when a row was added. */
    async mark(f: PaperFeedback): Promise<boolean> {
      const result = await db
        .insertInto('paper_feedback')
        .values({ user_id: f.userId, paper_id: f.paperId, kind: f.kind, created_at: f.createdAt })
        .onConflict((oc) => oc.columns(['user_id', 'paper_id', 'kind']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** Takes the feedback back (undo). True when there was a row to remove. */
    async unmark(f: { userId: number; paperId: number; kind: PaperFeedbackKind }): Promise<boolean> {
      const result = await db
        .deleteFrom('paper_feedback')
        .where('user_id', '=', f.userId)
        .where('paper_id', '=', f.paperId)
        .where('kind', '=', f.kind)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** A reader's feedback of one kind, newest first (ties by paper id, so pages are stable). */
    async listOf(userId: number, kind: PaperFeedbackKind, limit = 1000): Promise<PaperFeedback[]> {
      const rows = await db
        .selectFrom('paper_feedback')
        .selectAll()
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .orderBy('created_at', 'desc')
        .orderBy('paper_id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        userId: Number(r.user_id),
        paperId: Number(r.paper_id),
        kind: r.kind as PaperFeedbackKind,
        // PostgreSQL's timestamptz arrives as a Date-parsed ISO string, SQLite's as the stored text.
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },

    /** Which of `paperIds` each of `userIds` marked with `kind` (one query per thousand users, for digest pages). */
    async amongForUsers(
      userIds: number[],
      paperIds: number[],
      kind: PaperFeedbackKind,
    ): Promise<Map<number, Set<number>>> {
      const out = new Map<number, Set<number>>();
      if (userIds.length === 0 || paperIds.length === 0) return out;
      for (let i = 0; i < userIds.length; i += CHUNK) {
        for (let j = 0; j < paperIds.length; j += CHUNK) {
          const rows = await db
            .selectFrom('paper_feedback')
            .select(['user_id', 'paper_id'])
            .where('kind', '=', kind)
            .where('user_id', 'in', userIds.slice(i, i + CHUNK))
            .where('paper_id', 'in', paperIds.slice(j, j + CHUNK))
            .execute();
          for (const r of rows) {
            const set = out.get(Number(r.user_id)) ?? new Set<number>();
            set.add(Number(r.paper_id));
            out.set(Number(r.user_id), set);
          }
        }
      }
      return out;
    },

    /** Users who gave feedback at or after `since`, with their newest: they count as active for retraining. */
    async latestSince(since: string): Promise<Map<number, string>> {
      const rows = await db
        .selectFrom('paper_feedback')
        .select(['user_id', sql<string>`max(created_at)`.as('latest')])
        .where('created_at', '>=', since)
        .groupBy('user_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.user_id), new Date(r.latest).toISOString()]));
    },
  };
}

export type PaperFeedbackRepository = ReturnType<typeof createPaperFeedbackRepository>;
