import type { ClaimStatus, StoredClaim } from '../community/claims.models.js';
import type { Connection } from './database.js';

/** Authorship claims: a user says they are one of a paper's authors; a moderator decides (moderation.repository). */
export function createClaimsRepository(conn: Connection) {
  const { db } = conn;
  const select = () =>
    db
      .selectFrom('authorship_claims as ac')
      .innerJoin('users as u', 'u.id', 'ac.user_id')
      .innerJoin('papers as p', 'p.id', 'ac.paper_id')
      .select([
        'ac.id',
        'ac.paper_id',
        'p.arxiv_id',
        'p.title',
        'ac.user_id',
        'u.username',
        'ac.author_name',
        'ac.status',
        'ac.created_at',
        'ac.decided_at',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toClaim = (r: Row): StoredClaim => ({
    id: Number(r.id),
    paperId: Number(r.paper_id),
    arxivId: r.arxiv_id,
    paperTitle: r.title,
    userId: Number(r.user_id),
    username: r.username,
    authorName: r.author_name,
    status: r.status as ClaimStatus,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  });

  return {
    /** Throws a unique violation when this user already claimed this paper. */
    async create(c: { paperId: number; userId: number; authorName: string; now: string }): Promise<number> {
      const row = await db
        .insertInto('authorship_claims')
        .values({ paper_id: c.paperId, user_id: c.userId, author_name: c.authorName, created_at: c.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async findById(id: number): Promise<StoredClaim | null> {
      const row = await select().where('ac.id', '=', id).executeTakeFirst();
      return row ? toClaim(row) : null;
    },

    async findForUserAndPaper(userId: number, paperId: number): Promise<StoredClaim | null> {
      const row = await select().where('ac.user_id', '=', userId).where('ac.paper_id', '=', paperId).executeTakeFirst();
      return row ? toClaim(row) : null;
    },

    async listByStatus(status: ClaimStatus, limit = 200): Promise<StoredClaim[]> {
      const rows = await select()
        .where('ac.status', '=', status)
        .orderBy('ac.created_at')
        .orderBy('ac.id')
        .limit(limit)
        .execute();
      return rows.map(toClaim);
    },

    async approvedForPaper(paperId: number): Promise<StoredClaim[]> {
      const rows = await select().where('ac.paper_id', '=', paperId).where('ac.status', '=', 'approved').execute();
      return rows.map(toClaim);
    },

    async approvedForUser(userId: number): Promise<StoredClaim[]> {
      const rows = await select()
        .where('ac.user_id', '=', userId)
        .where('ac.status', '=', 'approved')
        .orderBy('ac.created_at', 'desc')
        .execute();
      return rows.map(toClaim);
    },
  };
}

export type ClaimsRepository = ReturnType<typeof createClaimsRepository>;
