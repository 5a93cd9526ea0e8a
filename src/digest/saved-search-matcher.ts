// "New papers for a saved search": the search engine's own query semantics, restricted to papers first published
// shortly before or during the digest's period. Papers already sent are removed later, by the content chooser, so
// a saved search never repeats itself even when a paper stays in the window for several digests.
import { addDays } from '../core/dates.js';
import { parseSearchQuery, type SearchIndex } from '../search/index.js';
import type { SavedSearch } from './digest.models.js';
import type { DigestPeriod } from './digest-period.js';

const MATCHES_PER_SEARCH = 20;

export type SavedSearchMatcher = (search: Pick<SavedSearch, 'query' | 'category' | 'hasCode'>) => number[];

export function createSavedSearchMatcher(opts: {
  index: SearchIndex;
  period: DigestPeriod;
  /** How far before the period a paper's first version may be (arXiv lists papers a day or more after submission). */
  lookbackDays?: number;
}): SavedSearchMatcher {
  const after = addDays(opts.period.from, -(opts.lookbackDays ?? 3));
  const before = addDays(opts.period.to, 1);
  // Many subscribers save the same search; one run asks the index once per distinct search.
  const cache = new Map<string, number[]>();
  return (search) => {
    const key = `${search.category}\n${search.hasCode}\n${search.query}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const query = parseSearchQuery(search.query);
    query.filters = {
      ...query.filters,
      after: query.filters.after && query.filters.after > after ? query.filters.after : after,
      before: query.filters.before && query.filters.before < before ? query.filters.before : before,
    };
    const result = opts.index.search(query, {
      limit: MATCHES_PER_SEARCH,
      offset: 0,
      sort: 'relevance',
      category: search.category || null,
      hasCode: search.hasCode ? true : null,
    });
    const ids = result.hits.map((h) => h.paperId);
    cache.set(key, ids);
    return ids;
  };
}
