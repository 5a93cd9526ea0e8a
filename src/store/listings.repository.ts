import { sql } from 'kysely';
import { hotness, type TrendingParams } from '../core/trending.js';
import type { ListedPaper, ListingSort } from '../papers/papers.models.js';
import type { Connection } from './database.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';

// Kept for callers outside the content area that still import these types from here.

import type { Executor } from './sql-helpers.js';

/** The listing columns that go with a paper row to make a ListedPaper (see toListedPaper). */
export const LISTING_COLUMNS = [
  'l.id as listing_id',
  'l.listed_on',
  'l.upvotes',
  'l.created_at as listing_created_at',
  'u.username as submitter',
] as const;

export function createListingsRepository(conn: Connection, trending: TrendingParams) {
  const { db } = conn;
  const visible = conn.dialect === 'sqlite' ? sql<boolean>`l.hidden = 0` : sql<boolean>`l.hidden = false`;

  return {
    /** Visible listings between two UTC days (inclusive), one page, sorted, with the total for paging. */
    async listRange(q: { from: string; to: string; sort: ListingSort; limit: number; offset: number }) {
      const base = db
        .selectFrom('listings as l')
        .where('l.listed_on', '>=', q.from)
        .where('l.listed_on', '<=', q.to)
        .where(visible);
      let page = base
        .innerJoin('papers as p', 'p.id', 'l.paper_id')
        .leftJoin('users as u', 'u.id', 'l.submitted_by')
        .selectAll('p')
        .select(LISTING_COLUMNS);
      if (q.sort === 'newest') page = page.orderBy('l.created_at', 'desc');
      else if (q.sort === 'trending') page = page.orderBy('l.hotness', 'desc').orderBy('l.created_at', 'desc');
      else page = page.orderBy('l.upvotes', 'desc').orderBy('l.created_at', 'desc');
      page = page.orderBy('l.id', 'desc');
      const [rows, total] = await Promise.all([
        page.limit(q.limit).offset(q.offset).execute(),
        base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toListedPaper), total: Number(total.n) };
    },

    /** The latest day with a visible listing on or before `day`, or null when nothing was ever listed. */
    async latestDayOnOrBefore(day: string): Promise<string | null> {
      const row = await db
        .selectFrom('listings as l')
        .select('l.listed_on')
        .where('l.listed_on', '<=', day)
        .where(visible)
        .orderBy('l.listed_on', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.listed_on ?? null;
    },

    /** The nearest days with visible listings before and after a period, to skip empty days in navigation. */
    async neighbourDays(from: string, to: string): Promise<{ previous: string | null; next: string | null }> {
      const [prev, next] = await Promise.all([
        db
          .selectFrom('listings as l')
          .select('l.listed_on')
          .where('l.listed_on', '<', from)
          .where(visible)
          .orderBy('l.listed_on', 'desc')
          .limit(1)
          .executeTakeFirst(),
        db
          .selectFrom('listings as l')
          .select('l.listed_on')
          .where('l.listed_on', '>', to)
          .where(visible)
          .orderBy('l.listed_on', 'asc')
          .limit(1)
          .executeTakeFirst(),
      ]);
      return { previous: prev?.listed_on ?? null, next: next?.listed_on ?? null };
    },

    async findByPaperId(paperId: number) {
      return db
        .selectFrom('listings as l')
        .leftJoin('users as u', 'u.id', 'l.submitted_by')
        .select(['l.id', 'l.listed_on', 'l.upvotes', 'l.hidden', 'l.created_at', 'u.username as submitter'])
        .where('l.paper_id', '=', paperId)
        .executeTakeFirst()
        .then((r) =>
          r
            ? {
                id: r.id,
                listedOn: r.listed_on,
                upvotes: r.upvotes,
                hidden: Boolean(r.hidden),
                submittedBy: r.submitter ?? null,
                createdAt: r.created_at,
              }
            : null,
        );
    },

    /** The visible listings of the given papers, by paper id (papers without one are absent). */
    async visibleByPaperIds(paperIds: number[]): Promise<Map<number, ListedPaper['listing']>> {
      if (paperIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('listings as l')
        .leftJoin('users as u', 'u.id', 'l.submitted_by')
        .select(['l.paper_id', 'l.id', 'l.listed_on', 'l.upvotes', 'l.created_at', 'u.username as submitter'])
        .where('l.paper_id', 'in', paperIds)
        .where(visible)
        .execute();
      return new Map(
        rows.map((r) => [
          Number(r.paper_id),
          {
            id: Number(r.id),
            listedOn: r.listed_on,
            upvotes: r.upvotes,
            submittedBy: r.submitter ?? null,
            createdAt: r.created_at,
          },
        ]),
      );
    },

    /** Lists a paper on a day. Returns false when it is already listed (a paper is listed once). */
    async add(l: { paperId: number; listedOn: string; submittedBy: number | null; createdAt?: string }) {
      return insertListing(db, { ...l, createdAt: l.createdAt ?? new Date().toISOString() }, trending);
    },

    /**
     * Lists a paper for the user who submitted it, unless they already submitted `dailyLimit` papers on that day
     * (0 = no limit) or the paper is listed already. The count and the insert share a transaction that holds the
     * submitter's row lock on PostgreSQL (SQLite runs one transaction at a time), so concurrent submissions by one
     * user are counted one after the other and the limit is never exceeded.
     */
    async addSubmission(l: {
      paperId: number;
      listedOn: string;
      submittedBy: number;
      createdAt: string;
      dailyLimit: number;
    }): Promise<'added' | 'taken' | 'daily_limit'> {
      return db.transaction().execute(async (trx) => {
        if (conn.dialect === 'postgres')
          await trx.selectFrom('users').select('id').where('id', '=', l.submittedBy).forUpdate().execute();
        if (l.dailyLimit > 0 && (await countSubmittedOn(trx, l.submittedBy, l.listedOn)) >= l.dailyLimit) {
          return 'daily_limit';
        }
        return (await insertListing(trx, l, trending)) ? 'added' : 'taken';
      });
    },

    /**
     * Recomputes every listing's stored hotness when the configured half-life differs from the one it was
     * computed with (an operator changed `trending.halfLifeHours`). Returns how many listings were updated.
     */
    async syncHotnessParams(): Promise<number> {
      const wanted = Math.round(trending.halfLifeHours * 1000);
      const current = await db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'trending_half_life_millihours')
        .executeTakeFirst();
      if (Number(current?.value) === wanted) return 0;
      return db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('listings').select(['id', 'upvotes', 'created_at']).execute();
        for (const row of rows) {
          await trx
            .updateTable('listings')
            .set({ hotness: hotness(row.upvotes, row.created_at, trending) })
            .where('id', '=', row.id)
            .execute();
        }
        await trx
          .updateTable('counters')
          .set({ value: wanted })
          .where('name', '=', 'trending_half_life_millihours')
          .execute();
        return rows.length;
      });
    },

    /** Upvote counts of listed papers (unlisted papers are absent), for search documents. */
    async upvotesByPaperIds(paperIds: number[]): Promise<Map<number, number>> {
      if (paperIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('listings')
        .select(['paper_id', 'upvotes'])
        .where('paper_id', 'in', paperIds)
        .execute();
      return new Map(rows.map((r) => [Number(r.paper_id), r.upvotes]));
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('listings').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type ListingsRepository = ReturnType<typeof createListingsRepository>;

function toListedPaper(
  row: PaperRow & {
    listing_id: number;
    listed_on: string;
    upvotes: number;
    listing_created_at: string;
    submitter: string | null;
  },
): ListedPaper {
  return {
    paper: rowToPaper(row),
    listing: {
      id: row.listing_id,
      listedOn: row.listed_on,
      upvotes: row.upvotes,
      submittedBy: row.submitter,
      createdAt: row.listing_created_at,
    },
  };
}

/** Inserts a listing unless the paper is listed already; true when it was inserted. */
async function insertListing(
  executor: Executor,
  l: { paperId: number; listedOn: string; submittedBy: number | null; createdAt: string },
  trending: TrendingParams,
): Promise<boolean> {
  const result = await executor
    .insertInto('listings')
    .values({
      paper_id: l.paperId,
      listed_on: l.listedOn,
      submitted_by: l.submittedBy,
      created_at: l.createdAt,
      hotness: hotness(0, l.createdAt, trending),
    })
    .onConflict((oc) => oc.column('paper_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** How many papers a user submitted on a UTC day, on a connection or inside a caller's transaction. */
export async function countSubmittedOn(executor: Executor, userId: number, day: string): Promise<number> {
  const row = await executor
    .selectFrom('listings')
    .select(sql<number>`count(*)`.as('n'))
    .where('submitted_by', '=', userId)
    .where('listed_on', '=', day)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
