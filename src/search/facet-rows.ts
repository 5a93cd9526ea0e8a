// What the facets count of a paper (categories, year, code), read alone for the matches a page does not show: a
// query with up to 1,000 matches counts its facets off all of them, but only the top k need the full row
// (arXiv id, date, votes). Reading four narrow columns instead of ten, and building smaller objects, is what
// keeps counting cheap at 1M papers (docs/search.md "Exact top-k at scale").
import type Database from 'better-sqlite3';
import type { FacetRow } from './counts.js';

export function createFacetRowReader(db: Database.Database) {
  const byId = db
    .prepare(
      `SELECT d.primary_category, d.year, d.has_code, d.categories
       FROM docs d WHERE d.paper_id IN (SELECT value FROM json_each(?))`,
    )
    .raw();
  return function facetRows(paperIds: readonly number[]): FacetRow[] {
    return (byId.all(JSON.stringify(paperIds)) as [string, number, number, string][]).map((r) => ({
      primaryCategory: r[0],
      year: r[1],
      hasCode: r[2] === 1,
      categories: r[3] ? r[3].split(' ') : [],
    }));
  };
}
