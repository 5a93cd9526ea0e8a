// Matches of followed saved searches for /following and its feed: the search engine's own query semantics (as
// the digest's saved-search section uses them), restricted to papers first published within the window. The
// store joins them with the other follows (store/follows.repository.ts), so one query pages through everything.
import type { SavedSearch } from '../digest/digest.models.js';
import { parseSearchQuery, type SearchIndex } from '../search/index.js';
import type { SavedSearchHit } from '../store/follows.repository.js';

/** Newest matches per followed search; a search matching more than this in the window shows its newest ones. */
const MATCHES_PER_SEARCH = 100;

export function savedSearchHits(opts: {
  search: SearchIndex;
  searches: Array<Pick<SavedSearch, 'id' | 'query' | 'category' | 'hasCode'>>;
  /** First day (YYYY-MM-DD) of the window. */
  sinceDay: string;
}): SavedSearchHit[] {
  const hits: SavedSearchHit[] = [];
  for (const s of opts.searches) {
    const query = parseSearchQuery(s.query);
    const after = query.filters.after && query.filters.after > opts.sinceDay ? query.filters.after : opts.sinceDay;
    query.filters = { ...query.filters, after };
    const result = opts.search.search(query, {
      limit: MATCHES_PER_SEARCH,
      offset: 0,
      sort: 'newest',
      category: s.category || null,
      hasCode: s.hasCode ? true : null,
    });
    for (const h of result.hits) hits.push({ paperId: h.paperId, savedSearchId: s.id });
  }
  return hits;
}
