// One rule for every count a text query shows — the total and each facet: exact below COUNT_CAP, and from
// COUNT_CAP on the count is COUNT_CAP with `exact: false` (shown as "1,000+"). A facet's count is what the same
// query with that facet chosen would report as its total: the facet filter is the page's own (it replaces the
// chosen value of its dimension), counted under the same AND/OR semantics.
//
// Why a cap: the ranking scores at most 1,000 (AND) / 5,000 (OR) matches, newest first (candidates.ts). Below
// that, the candidate rows are all the matches and every count is read off them for free. Above it the total
// is "1,000+" and the facets offer the values seen among the ranked rows without a count (see facetsOf).
import type { Candidate } from './candidates.js';
import type { FacetCount, SearchFacets } from './search.models.js';

export const COUNT_CAP = 1_000;
const FACET_LIMIT = 30;
const COUNTED_VALUES = 12;

export function capped(count: number): { count: number; exact: boolean } {
  return count >= COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count, exact: true };
}

/** What a facet counts of a paper (a Candidate is one; facet-rows.ts reads just these for unshown matches). */
export type FacetRow = Pick<Candidate, 'categories' | 'primaryCategory' | 'year' | 'hasCode'>;

/** Which facet values the page has already chosen: a chosen dimension lists only its value (its count is the total). */
export interface ChosenFacets {
  category: string | null;
  year: number | null;
  hasCode: boolean | null;
}

/** Facet values and their counts among `rows` (all the matches when not capped), before the cap is applied. */
export function facetTallies(rows: readonly FacetRow[], chosen: ChosenFacets) {
  const cats = new Map<string, number>();
  const years = new Map<number, number>();
  let withCode = 0;
  for (const r of rows) {
    const own = r.categories.length > 0 ? r.categories : [r.primaryCategory];
    // A paper without known categories (the demo's, say) adds to no category rather than to an empty one.
    for (const c of new Set(own)) if (c) cats.set(c, (cats.get(c) ?? 0) + 1);
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
 * seen among the rows, without counts.
 */
export function facetsOf({
  rows,
  complete,
  chosen,
}: {
  rows: readonly FacetRow[];
  complete: boolean;
  chosen: ChosenFacets;
}): SearchFacets {
  const t = facetTallies(rows, chosen);
  if (complete) {
    const exact = <T>(f: { value: T; count: number }): FacetCount<T> => ({ value: f.value, ...capped(f.count) });
    return { category: t.category.map(exact), year: t.year.map(exact), hasCode: t.hasCode.map(exact) };
  }
  // Past the cap, counting each value exactly costs a walk over the matches per value (at 1M papers it made a
  // title-phrase search ~20× slower, see docs/search.md): the values found among the ranked rows are offered
  // without a count, so no count can disagree with the page a value leads to.
  const uncounted = <T>(f: { value: T }): FacetCount<T> => ({ value: f.value, count: null, exact: false });
  return {
    category: t.category.slice(0, COUNTED_VALUES).map(uncounted),
    year: t.year.map(uncounted),
    hasCode: t.hasCode.map(uncounted),
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
