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
