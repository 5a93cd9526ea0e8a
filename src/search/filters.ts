// Structured filters as a parameterised SQL condition on the `docs d` row. Values are always bound.
import type { SearchFilters, SearchOptions } from './search.models.js';

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Typed-in filters combined with the web page's structured ones (the structured ones win on conflicts). */
export function mergeFilters({ typed, options }: { typed: SearchFilters; options: SearchOptions }): SearchFilters {
  const categories = [...typed.categories];
  if (options.category) categories.push(options.category.trim().toLowerCase());
  return {
    categories,
    yearFrom: options.yearFrom ?? typed.yearFrom,
    yearTo: options.yearTo ?? typed.yearTo,
    after: typed.after,
    before: typed.before,
    hasCode: options.hasCode ?? typed.hasCode,
  };
}

export function filterCondition({
  filters,
  restrictTo,
}: {
  filters: SearchFilters;
  restrictTo?: readonly number[] | null;
}): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filters.categories.length > 0) {
    const marks = filters.categories.map(() => '?').join(', ');
    parts.push(`EXISTS (SELECT 1 FROM doc_categories c WHERE c.category IN (${marks}) AND c.paper_id = d.paper_id)`);
    params.push(...filters.categories);
  }
  if (filters.yearFrom !== null) {
    parts.push('d.year >= ?');
    params.push(filters.yearFrom);
  }
  if (filters.yearTo !== null) {
    parts.push('d.year <= ?');
    params.push(filters.yearTo);
  }
  if (filters.after !== null) {
    parts.push('d.published_at >= ?');
    params.push(filters.after);
  }
  if (filters.before !== null) {
    parts.push('d.published_at < ?');
    params.push(filters.before);
  }
  if (filters.hasCode !== null) {
    parts.push('d.has_code = ?');
    params.push(filters.hasCode ? 1 : 0);
  }
  if (restrictTo) {
    parts.push('d.paper_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(restrictTo.filter((id) => Number.isSafeInteger(id))));
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/** A filter for vector rankings in two equivalent forms: `check` tests given papers (after a graph search),
 *  `scan` drives an exact scan from the smallest admitted set — category members through doc_categories, years
 *  and dates through the docs_published index — instead of visiting every vector (200–400 ms at 1M papers). */
export interface VectorFilter {
  check: SqlCondition;
  scan: SqlCondition;
  /** False when nothing is filtered out (no condition at all). */
  narrowed: boolean;
}

export function vectorFilter({
  filters,
  restrictTo,
  excludeMatch = null,
  excludePaperId = null,
}: {
  filters: SearchFilters;
  restrictTo?: readonly number[] | null;
  /** FTS MATCH of excluded words (-mixup). */
  excludeMatch?: string | null;
  excludePaperId?: number | null;
}): VectorFilter {
  const extra: SqlCondition = { sql: '', params: [] };
  if (excludeMatch) {
    extra.sql += ' AND d.paper_id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)';
    extra.params.push(excludeMatch);
  }
  if (excludePaperId != null) {
    extra.sql += ' AND d.paper_id <> ?';
    extra.params.push(excludePaperId);
  }
  const check = filterCondition({ filters, restrictTo });
  const scan = filterCondition({
    filters: {
      ...filters,
      categories: [],
      yearFrom: null,
      yearTo: null,
      // Years as date bounds: ISO dates compare as text, and the published_at index serves the range.
      after: maxText(filters.after, filters.yearFrom === null ? null : String(filters.yearFrom).padStart(4, '0')),
      before: minText(filters.before, filters.yearTo === null ? null : String(filters.yearTo + 1).padStart(4, '0')),
    },
    restrictTo,
  });
  if (filters.categories.length > 0) {
    const marks = filters.categories.map(() => '?').join(', ');
    scan.sql = `d.paper_id IN (SELECT c.paper_id FROM doc_categories c WHERE c.category IN (${marks})) AND ${scan.sql}`;
    scan.params.unshift(...filters.categories);
  }
  return {
    check: { sql: check.sql + extra.sql, params: [...check.params, ...extra.params] },
    scan: { sql: scan.sql + extra.sql, params: [...scan.params, ...extra.params] },
    narrowed: check.sql !== '1' || extra.sql !== '',
  };
}

function maxText(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

function minText(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}
