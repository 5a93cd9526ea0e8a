import type { ListedPaper } from '../papers/papers.models.js';
import type { Connection } from './database.js';
import { countSubmittedOn, LISTING_COLUMNS } from './listings.repository.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';
import { flag } from './sql-helpers.js';

/** Listing queries by submitter: the daily submission gate and the "submitted" list on profiles. */
export function createSubmissionsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** How many papers a user submitted on a UTC day (hidden ones count: they were submitted). */
    countSubmittedOn: (userId: number, day: string) => countSubmittedOn(db, userId, day),

    /** A user's visible submissions, newest first. */
    async listSubmittedBy(userId: number, limit: number): Promise<ListedPaper[]> {
      const rows = await db
        .selectFrom('listings as l')
        .innerJoin('papers as p', 'p.id', 'l.paper_id')
        .innerJoin('users as u', 'u.id', 'l.submitted_by')
        .selectAll('p')
        .select(LISTING_COLUMNS)
        .where('l.submitted_by', '=', userId)
        .where('l.hidden', '=', flag(conn, false))
        .orderBy('l.created_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        paper: rowToPaper(r as unknown as PaperRow),
        listing: {
          id: Number(r.listing_id),
          listedOn: r.listed_on,
          upvotes: r.upvotes,
          submittedBy: r.submitter,
          createdAt: r.listing_created_at,
        },
      }));
    },

    /** The listing of a paper whatever its visibility, with the moderation reason (for moderators). */
    async findListingForModeration(paperId: number) {
      const row = await db
        .selectFrom('listings')
        .select(['id', 'hidden', 'hidden_reason'])
        .where('paper_id', '=', paperId)
        .executeTakeFirst();
      return row ? { id: Number(row.id), hidden: Boolean(row.hidden), hiddenReason: row.hidden_reason } : null;
    },
  };
}

export type SubmissionsRepository = ReturnType<typeof createSubmissionsRepository>;
