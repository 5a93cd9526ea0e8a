// Author pages: the papers filed under one author key (core/author-key.ts), newest first, and the names most
// often written next to it. paper_authors is written by the papers repository together with each paper.
import { sql } from 'kysely';
import { authorKey } from '../core/author-key.js';
import type { Author } from '../core/paper.js';
import type { Connection } from './database.js';
import { LISTING_COLUMNS, type ListedPaper } from './listings.repository.js';
import { type PaperRow, rowToPaper, type StoredPaper } from './papers.mapping.js';
import type { Executor } from './sql-helpers.js';

/** One paper of an author, with its listing when it is (visibly) listed. */
export interface AuthorPaper {
  paper: StoredPaper;
  listing: ListedPaper['listing'] | null;
}

export interface CoAuthor {
  key: string;
  /** The spelling seen most recently. */
  name: string;
  papers: number;
}

// Co-authors are counted over the author's newest papers only: a member of a 3,000-author collaboration with
// hundreds of papers would otherwise join millions of rows for a side panel.
const CO_AUTHOR_PAPERS = 200;

export function createAuthorsRepository(conn: Connection) {
  const { db } = conn;
  const visible = conn.dialect === 'sqlite' ? sql<boolean>`l.hidden = 0` : sql<boolean>`l.hidden = false`;

  return {
    /** One page of the author's papers, newest arXiv date first, and how many there are in all. */
    async papers(q: { key: string; limit: number; offset: number }): Promise<{ items: AuthorPaper[]; total: number }> {
      const rows = await db
        .selectFrom('paper_authors as a')
        .innerJoin('papers as p', 'p.id', 'a.paper_id')
        .leftJoin('listings as l', (j) => j.onRef('l.paper_id', '=', 'p.id').on(visible))
        .leftJoin('users as u', 'u.id', 'l.submitted_by')
        .selectAll('p')
        .select([...LISTING_COLUMNS])
        .where('a.author_key', '=', q.key)
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await db
        .selectFrom('paper_authors')
        .select(sql<number>`count(*)`.as('n'))
        .where('author_key', '=', q.key)
        .executeTakeFirstOrThrow();
      return { items: rows.map((r) => toAuthorPaper(r as unknown as AuthorPaperRow)), total: Number(total.n) };
    },

    /** The names written on the author's papers (one key, possibly several spellings), most recent first. */
    async spellings(key: string): Promise<string[]> {
      const rows = await db
        .selectFrom('paper_authors as a')
        .innerJoin('papers as p', 'p.id', 'a.paper_id')
        .select('a.name')
        .where('a.author_key', '=', key)
        .orderBy('p.published_at', 'desc')
        .limit(CO_AUTHOR_PAPERS)
        .execute();
      return [...new Set(rows.map((r) => r.name))];
    },

    /** Who wrote with the author most often (over their newest papers), ties by name. */
    async coAuthors(q: { key: string; limit: number }): Promise<CoAuthor[]> {
      const newest = db
        .selectFrom('paper_authors as a')
        .innerJoin('papers as p', 'p.id', 'a.paper_id')
        .select(['a.paper_id', 'p.published_at'])
        .where('a.author_key', '=', q.key)
        .orderBy('p.published_at', 'desc')
        .limit(CO_AUTHOR_PAPERS);
      const rows = await db
        .selectFrom(newest.as('n'))
        .innerJoin('paper_authors as o', 'o.paper_id', 'n.paper_id')
        .select(['o.author_key', sql<string>`max(o.name)`.as('name'), sql<number>`count(*)`.as('papers')])
        .where('o.author_key', '<>', q.key)
        .groupBy('o.author_key')
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('o.author_key')
        .limit(q.limit)
        .execute();
      return rows.map((r) => ({ key: r.author_key, name: r.name, papers: Number(r.papers) }));
    },
  };
}

export type AuthorsRepository = ReturnType<typeof createAuthorsRepository>;

type AuthorPaperRow = PaperRow & {
  listing_id: number | null;
  listed_on: string | null;
  upvotes: number | null;
  listing_created_at: string | null;
  submitter: string | null;
};

function toAuthorPaper(row: AuthorPaperRow): AuthorPaper {
  return {
    paper: rowToPaper(row),
    listing:
      row.listing_id === null
        ? null
        : {
            id: Number(row.listing_id),
            listedOn: row.listed_on!,
            upvotes: Number(row.upvotes),
            submittedBy: row.submitter,
            createdAt: row.listing_created_at!,
          },
  };
}

/** The paper_authors rows of one paper: one per distinct key, in author order. */
export function authorRows(paperId: number, authors: readonly Author[]) {
  const seen = new Set<string>();
  const rows: Array<{ author_key: string; paper_id: number; position: number; name: string }> = [];
  authors.forEach((a, position) => {
    const key = authorKey(a.name);
    if (!key || seen.has(key)) return;
    seen.add(key);
    rows.push({ author_key: key, paper_id: paperId, position, name: a.name });
  });
  return rows;
}

/** Replaces the author rows of the given papers (on a connection or inside the caller's transaction). */
export async function writeAuthorRows(
  executor: Executor,
  papers: ReadonlyArray<{ id: number; authors: readonly Author[] }>,
): Promise<void> {
  if (papers.length === 0) return;
  const ids = papers.map((p) => p.id);
  for (let i = 0; i < ids.length; i += 1000)
    await executor
      .deleteFrom('paper_authors')
      .where('paper_id', 'in', ids.slice(i, i + 1000))
      .execute();
  const rows = papers.flatMap((p) => authorRows(p.id, p.authors));
  // 4 parameters a row; 5,000 rows stay well under PostgreSQL's 65,535-parameter limit.
  for (let i = 0; i < rows.length; i += 5000)
    await executor
      .insertInto('paper_authors')
      .values(rows.slice(i, i + 5000))
      .onConflict((oc) => oc.columns(['author_key', 'paper_id']).doNothing())
      .execute();
}
