// Author pages: the papers filed under one author key (core/author-key.ts), newest first, and the names most
// often written next to it. Names themselves stay in papers.authors_json: the table holds only what the page
// looks up by, which keeps the rows written per paper small (bulk import writes one per author). The papers
// repository writes paper_authors together with each paper.
import { sql } from 'kysely';
import { authorKey } from '../core/author-key.js';
import type { Author } from '../core/paper.js';
import type { AuthorPaper, CoAuthor } from '../papers/authors.models.js';
import type { Connection } from './database.js';
import { LISTING_COLUMNS } from './listings.repository.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';
import type { Executor } from './sql-helpers.js';

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

    /**
     * The author's names and co-authors, read from the author lists of their newest papers: the spellings filed
     * under the key (most recent first), and who wrote with them most often (ties by key), each under the spelling
     * seen most recently.
     */
    async circle(q: { key: string; coAuthors: number }): Promise<{ spellings: string[]; coAuthors: CoAuthor[] }> {
      const rows = await db
        .selectFrom('paper_authors as a')
        .innerJoin('papers as p', 'p.id', 'a.paper_id')
        .select('p.authors_json')
        .where('a.author_key', '=', q.key)
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(CO_AUTHOR_PAPERS)
        .execute();
      const spellings = new Set<string>();
      const others = new Map<string, CoAuthor>();
      for (const row of rows) {
        const seen = new Set<string>();
        for (const { name } of JSON.parse(row.authors_json) as Author[]) {
          const key = authorKey(name);
          if (!key || seen.has(key)) continue;
          seen.add(key);
          if (key === q.key) spellings.add(name);
          else {
            const other = others.get(key);
            if (other) other.papers++;
            else others.set(key, { key, name, papers: 1 });
          }
        }
      }
      const coAuthors = [...others.values()]
        .sort((a, b) => b.papers - a.papers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, q.coAuthors);
      return { spellings: [...spellings], coAuthors };
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
export function authorRows(paperId: number, authors: readonly Author[], keyOf: (name: string) => string = authorKey) {
  const seen = new Set<string>();
  const rows: Array<{ author_key: string; paper_id: number; position: number }> = [];
  authors.forEach((a, position) => {
    const key = keyOf(a.name);
    if (!key || seen.has(key)) return;
    seen.add(key);
    rows.push({ author_key: key, paper_id: paperId, position });
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
  // 3 parameters a row; 5,000 rows stay well under PostgreSQL's 65,535-parameter limit.
  for (let i = 0; i < rows.length; i += 5000)
    await executor
      .insertInto('paper_authors')
      .values(rows.slice(i, i + 5000))
      .onConflict((oc) => oc.columns(['author_key', 'paper_id']).doNothing())
      .execute();
}
