// Queries without text ("cat:cs.LG year:2024", "-mixup", an empty box with filters): a plain listing of
// the docs table, newest or most upvoted first, with exact totals and facets computed in SQL.
import type Database from 'better-sqlite3';
import type { SqlCondition } from './filters.js';
import type { FacetCount, SearchFacets, SearchSort } from './search.models.js';

const FACET_LIMIT = 30;

export interface BrowseRow {
  paperId: number;
  arxivId: string;
}

export function createBrowser(db: Database.Database) {
  return function browse(args: {
    filter: SqlCondition;
    excludeMatch: string | null;
    sort: SearchSort;
    limit: number;
    offset: number;
  }): { rows: BrowseRow[]; total: number; facets: SearchFacets } {
    const parts = [args.filter.sql];
    const params = [...args.filter.params];
    if (args.excludeMatch) {
      parts.push('d.paper_id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
      params.push(args.excludeMatch);
    }
    const where = parts.join(' AND ');
    const order = args.sort === 'upvotes' ? 'd.upvotes DESC, d.published_at DESC' : 'd.published_at DESC';
    const rows = db
      .prepare(
        `SELECT d.paper_id AS paperId, d.arxiv_id AS arxivId FROM docs d WHERE ${where}
         ORDER BY ${order}, d.paper_id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, args.limit, args.offset) as BrowseRow[];
    const total = Number(
      db
        .prepare(`SELECT count(*) FROM docs d WHERE ${where}`)
        .pluck()
        .get(...params),
    );
    const group = (column: string, orderBy: string) =>
      db
        .prepare(
          `SELECT ${column} AS value, count(*) AS count FROM docs d WHERE ${where}
           GROUP BY ${column} ORDER BY ${orderBy} LIMIT ${FACET_LIMIT}`,
        )
        .all(...params) as FacetCount<string | number>[];
    // Every category of a paper counts, as the category filter matches any of them; labels keep arXiv's casing
    // where some paper has the category as its primary one.
    const categories = db
      .prepare(
        `SELECT c.category AS value, count(*) AS count FROM doc_categories c CROSS JOIN docs d ON d.paper_id = c.paper_id
         WHERE ${where} GROUP BY c.category ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`,
      )
      .all(...params) as Omit<FacetCount<string>, 'exact'>[];
    const labels = new Map(
      (group('d.primary_category', 'count DESC, value') as Omit<FacetCount<string>, 'exact'>[]).map((f) => [
        f.value.toLowerCase(),
        f.value,
      ]),
    );
    const facets: SearchFacets = {
      category: categories.map((f) => ({ value: labels.get(f.value) ?? f.value, count: f.count, exact: true })),
      year: (group('d.year', 'value DESC') as Omit<FacetCount<number>, 'exact'>[]).map((f) => ({ ...f, exact: true })),
      hasCode: (group('d.has_code', 'value DESC') as Omit<FacetCount<number>, 'exact'>[]).map((f) => ({
        value: f.value === 1,
        count: f.count,
        exact: true,
      })),
    };
    return { rows, total, facets };
  };
}
