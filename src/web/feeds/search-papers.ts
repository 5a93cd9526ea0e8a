// Where search feeds get their papers: the search page's use case with the page's parameters, first page only,
// so /feeds/search.rss?q=… lists what /search?q=… shows (new matches appear once the index has followed the store).

import type { SavedSearch } from '../../digest/digest.models.js';
import type { QueryEmbedder } from '../../embeddings/query-embedder.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import { searchPapers } from '../../papers/search.usecases.js';
import type { SearchIndex } from '../../search/index.js';
import type { SearchMode } from '../../search/search.models.js';
import type { Services } from '../../services.js';
import { type SearchQueryString, toSearchRequest } from '../search-query.js';

/**
 * The search page's parameters that a feed keeps: not `page` (a feed is the first page), not `like` (search by
 * example has no feed) and not `spell` (a feed names one search, so its URL is one; corrections always apply).
 */
export type SearchFeedQuery = Pick<SearchQueryString, 'q' | 'category' | 'year' | 'has_code' | 'sort' | 'mode'>;

export type SearchForFeed = (q: { query: SearchFeedQuery; limit: number }) => Promise<StoredPaper[]>;

export function searchFeedPapers(deps: {
  store: Services['store'];
  search: SearchIndex;
  embeddings: QueryEmbedder | null;
  defaultMode: SearchMode;
}): SearchForFeed {
  return async ({ query, limit }) => {
    const { q, category, year, has_code, sort, mode } = query;
    const request = toSearchRequest(
      { q, category, year, has_code, sort, mode },
      { limit, defaultMode: deps.defaultMode, embeddings: deps.embeddings },
    );
    const result = await searchPapers(deps.store, deps.search, request);
    return result.items.map((i) => i.paper);
  };
}

/** The query string of a search (page or feed), without defaults, in a stable order: one URL per search. */
export function searchQueryString(query: SearchFeedQuery): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'category', 'year', 'has_code', 'sort', 'mode'] as const) {
    const value = query[key];
    if (value === undefined || value === '' || (key === 'sort' && value === 'relevance')) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A saved search of an e-mail digest is a search feed: the same words and filters, newest first, so that a feed
 * reader shows what the digest would mail. Its URL names only the search, never the subscriber.
 */
export function savedSearchFeedQuery(saved: Pick<SavedSearch, 'query' | 'category' | 'hasCode'>): SearchFeedQuery {
  return {
    q: saved.query,
    category: saved.category || undefined,
    has_code: saved.hasCode || undefined,
    sort: 'newest',
  };
}
