// One rule for every count a text query shows — the total and each facet: exact below COUNT_CAP, and from
// COUNT_CAP on the count is COUNT_CAP with `exact: false` (shown as "1,000+"). A facet's count is what the same
// query with that facet chosen would report as its total: the facet filter is the page's own (it replaces the
// chosen value of its dimension), counted under the same AND/OR semantics.
//
// Why a cap: the ranking scores at most 1,000 (AND) / 5,000 (OR) matches, newest first (candidates.ts). Below
// that, the candidate rows are all the matches and every count is read off them for free. Above it, counts
// come from count(*) queries without scoring, each stopped after COUNT_CAP rows, one per facet value shown.
import type { Candidate } from './candidates.js';
import type { FacetCount, SearchFacets } from './search.models.js';

export const COUNT_CAP = 1_000;
/** Matches walked (without scoring) to count years and code when the candidates are not all the matches. */
export const TALLY_WALK = 20_000;
const FACET_LIMIT = 30;
const COUNTED_VALUES = 12;

export function capped(count: number): { count: number; exact: boolean } {
  return count >= COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count, exact: true };
}

/** Which facet values the page has already chosen: a chosen dimension lists only its value (its count is the total). */
export interface ChosenFacets {
  category: string | null;
  year: number | null;
  hasCode: boolean | null;
}

/** Facet values and their counts among `rows` (all the matches when not capped), before the cap is applied. */
export function facetTallies(rows: readonly Candidate[], chosen: ChosenFacets) {
  const cats = new Map<string, number>();
  const years = new Map<number, number>();
  let withCode = 0;
  for (const r of rows) {
    const own = r.categories.length > 0 ? r.categories : [r.primaryCategory];
    for (const c of new Set(own)) cats.set(c, (cats.get(c) ?? 0) + 1);
    years.set(r.year, (years.get(r.year) ?? 0) + 1);
    if (r.hasCode) withCode++;
  }
  const chosenCategory = chosen.category?.toLowerCase() ?? null;
  const category = [...cats]
    .filter(([value]) => chosenCategory === null || value.toLowerCase() === chosenCategory)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || cmp(a.value, b.value))
    .slice(0, FACET_LIMIT);
  const year = [...years]
    .filter(([value]) => chosen.year === null || value === chosen.year)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.value - a.value);
  const hasCode = [
    { value: true, count: withCode },
    { value: false, count: rows.length - withCode },
  ].filter((f) => f.count > 0 && (chosen.hasCode === null || f.value === chosen.hasCode));
  return { category, year, hasCode };
}

/**
 * The facets of a query. Not capped: tallies of the rows (all matches), capped at COUNT_CAP. Capped: the values
 * seen among the rows, each counted by `countWith` (the query with that facet chosen, up to COUNT_CAP).
 */
export function facetsOf({
  rows,
  complete,
  chosen,
  countWith,
  tallyAll,
}: {
  rows: readonly Candidate[];
  complete: boolean;
  chosen: ChosenFacets;
  countWith: (facet: Partial<ChosenFacets>) => number;
  /** Every match per (year, has code), or null when that walk would pass TALLY_WALK matches. */
  tallyAll: () => Array<{ year: number; hasCode: boolean; count: number }> | null;
}): SearchFacets {
  const t = facetTallies(rows, chosen);
  if (complete) {
    const exact = <T>(f: { value: T; count: number }): FacetCount<T> => ({ value: f.value, ...capped(f.count) });
    return { category: t.category.map(exact), year: t.year.map(exact), hasCode: t.hasCode.map(exact) };
  }
  // Categories: one count query per value shown, narrowed inside the MATCH (an intersection of doclists, cheap).
  const category = t.category
    .slice(0, COUNTED_VALUES)
    .map((f) => ({ value: f.value, ...capped(countWith({ category: f.value })) }))
    .sort((a, b) => b.count - a.count || cmp(a.value, b.value));
  // Years and code: one walk over the matches grouped in SQL — a per-year count would walk them once per year.
  // Past TALLY_WALK matches (a single very common word at scale) that walk costs seconds: no year or code facet then.
  const all = tallyAll();
  if (!all) return { category, year: [], hasCode: [] };
  const years = new Map<number, number>();
  const code = new Map<boolean, number>();
  for (const r of all) {
    years.set(r.year, (years.get(r.year) ?? 0) + r.count);
    code.set(r.hasCode, (code.get(r.hasCode) ?? 0) + r.count);
  }
  return {
    category,
    year: [...years]
      .filter(([value]) => chosen.year === null || value === chosen.year)
      .sort((a, b) => b[0] - a[0])
      .map(([value, n]) => ({ value, ...capped(n) })),
    hasCode: [true, false]
      .filter((value) => (code.get(value) ?? 0) > 0 && (chosen.hasCode === null || value === chosen.hasCode))
      .map((value) => ({ value, ...capped(code.get(value)!) })),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A chosen dimension lists only its chosen value (for listings whose facets come from SQL, see browse.ts). */
export function onlyChosen(facets: SearchFacets, chosen: ChosenFacets): SearchFacets {
  const category = chosen.category?.toLowerCase() ?? null;
  return {
    category: facets.category.filter((f) => category === null || f.value.toLowerCase() === category),
    year: facets.year.filter((f) => chosen.year === null || f.value === chosen.year),
    hasCode: facets.hasCode.filter((f) => chosen.hasCode === null || f.value === chosen.hasCode),
  };
}
