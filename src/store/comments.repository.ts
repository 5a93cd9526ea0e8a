import type { StoredComment } from '../community/comments.models.js';
import type { Connection } from './database.js';
import { flag } from './sql-helpers.js';

interface CommentRow {
  id: number;
  paper_id: number;
  user_id: number;
  username: string;
  parent_id: number | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden: boolean | number;
  hidden_reason: string | null;
}

function toComment(r: CommentRow): StoredComment {
  return {
    id: Number(r.id),
    paperId: Number(r.paper_id),
    userId: Number(r.user_id),
    username: r.username,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    body: r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    hidden: Boolean(r.hidden),
    hiddenReason: r.hidden_reason,
  };
}

export function createCommentsRepository(conn: Connection) {
  const { db } = conn;
  const select = () =>
    db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'c.id',
        'c.paper_id',
        'c.user_id',
        'u.username',
        'c.parent_id',
        'c.body',
        'c.created_at',
        'c.edited_at',
        'c.deleted_at',
        'c.hidden',
        'c.hidden_reason',
      ]);
  // Comments readers can see: the counts on cards and the lists on profiles use the same rule.
  const visible = <T extends ReturnType<typeof select>>(q: T) =>
    q.where('c.deleted_at', 'is', null).where('c.hidden', '=', flag(conn, false)) as T;

  return {
    async create(c: { paperId: number; userId: number; parentId: number | null; body: string; createdAt: string }) {
      const row = await db
        .insertInto('comments')
        .values({
          paper_id: c.paperId,
          user_id: c.userId,
          parent_id: c.parentId,
          body: c.body,
          created_at: c.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async findById(id: number): Promise<StoredComment | null> {
      const row = await select().where('c.id', '=', id).executeTakeFirst();
      return row ? toComment(row) : null;
    },

    /** Every comment on a paper, deleted and hidden ones included, oldest first; the thread model filters. */
    async listForPaper(paperId: number): Promise<StoredComment[]> {
      const rows = await select().where('c.paper_id', '=', paperId).orderBy('c.created_at').orderBy('c.id').execute();
      return rows.map(toComment);
    },

    async updateBody(id: number, body: string, editedAt: string): Promise<void> {
      await db.updateTable('comments').set({ body, edited_at: editedAt }).where('id', '=', id).execute();
    },

    /** Soft delete: the row keeps its place in the thread, the text is gone. */
    async softDelete(id: number, deletedAt: string): Promise<void> {
      await db.updateTable('comments').set({ body: '', deleted_at: deletedAt }).where('id', '=', id).execute();
    },

    /** Visible comments per paper, for the counts on cards. Papers without comments are absent. */
    async countsForPapers(paperIds: number[]): Promise<Map<number, number>> {
      if (paperIds.length === 0) return new Map();
      const rows = await visible(select())
        .clearSelect()
        .select(['c.paper_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('c.paper_id', 'in', paperIds)
        .groupBy('c.paper_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.paper_id), Number(r.n)]));
    },

    /** A user's comments, newest first, with the paper each is on; hidden ones only when asked (own profile). */
    async listByUser(userId: number, opts: { limit: number; includeHidden: boolean }) {
      let q = select()
        .innerJoin('papers as p', 'p.id', 'c.paper_id')
        .select(['p.arxiv_id', 'p.title'])
        .where('c.user_id', '=', userId)
        .where('c.deleted_at', 'is', null);
      if (!opts.includeHidden) q = q.where('c.hidden', '=', flag(conn, false));
      const rows = await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(opts.limit).execute();
      return rows.map((r) => ({ comment: toComment(r), paper: { arxivId: r.arxiv_id, title: r.title } }));
    },
  };
}

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
