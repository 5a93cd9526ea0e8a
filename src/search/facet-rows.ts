// What the facets count of a paper (categories, year, code), read alone for the matches a page does not show: a
// query with up to 1,000 matches counts its facets off all of them, but only the top k need the full row
// (arXiv id, date, votes). Reading these few columns instead of all, and building smaller objects, keeps counting
// cheap at 1M papers (docs/search.md "Exact top-k at scale"). A name query also reads the author names, to find
// the matches the person wrote (author-name.ts), which it shows wherever they rank.
import type Database from 'better-sqlite3';
import type { FacetRow } from './counts.js';

export interface FacetRowWithId extends FacetRow {
  paperId: number;
  /** Author names joined by ", " ('' unless asked for). */
  authors: string;
}

export function createFacetRowReader(db: Database.Database) {
  const sql = (authors: boolean) =>
    `SELECT d.paper_id, d.primary_category, d.year, d.has_code, d.categories, ${authors ? 'd.authors' : "''"}
     FROM docs d WHERE d.paper_id IN (SELECT value FROM json_each(?))`;
  const byId = { with: db.prepare(sql(true)).raw(), without: db.prepare(sql(false)).raw() };
  return function facetRows(paperIds: readonly number[], { authors = false } = {}): FacetRowWithId[] {
    const st = authors ? byId.with : byId.without;
    return (st.all(JSON.stringify(paperIds)) as [number, string, number, number, string, string][]).map((r) => ({
      paperId: r[0],
      primaryCategory: r[1],
      year: r[2],
      hasCode: r[3] === 1,
      categories: r[4] ? r[4].split(' ') : [],
      authors: r[5],
    }));
  };
}
