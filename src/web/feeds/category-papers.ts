// Where category feeds get their papers: the search page's use case with a category filter and newest-first
// order, so the feed lists what /search?category=cs.CL&sort=newest shows. The index follows the store within
// seconds; a paper appears in the feed once it is indexed.
import { searchPapers } from '../../papers/search.usecases.js';
import type { SearchIndex } from '../../search/index.js';
import type { Services } from '../../services.js';
import { toSearchRequest } from '../search-query.js';
import type { PapersInCategory } from './feed-sources.js';

// The index filters on any category; primary-only feeds read this many times more and keep the primaries.
const PRIMARY_OVERFETCH = 5;
const MAX_READ = 500;

export function searchCategoryPapers({
  store,
  search,
}: {
  store: Services['store'];
  search: SearchIndex;
}): PapersInCategory {
  return async ({ category, scope, limit }) => {
    const read = scope === 'primary' ? Math.min(limit * PRIMARY_OVERFETCH, MAX_READ) : limit;
    const request = toSearchRequest({ category, sort: 'newest' }, { limit: read, defaultMode: 'keyword' });
    const result = await searchPapers(store, search, request);
    const papers = result.items.map((i) => i.paper);
    const kept =
      scope === 'primary' ? papers.filter((p) => p.primaryCategory.toLowerCase() === category.toLowerCase()) : papers;
    return kept.slice(0, limit);
  };
}
