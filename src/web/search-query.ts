// One mapping from a search's query string to the search use case's request, shared by everything that searches
// with the search page's parameters: the page (/search), the JSON API (/api/v1/search), the Hugging Face–shaped
// endpoint (/api/papers/search) and the search and category feeds. A parameter means the same everywhere.
import type { QueryEmbedder } from '../embeddings/query-embedder.js';
import type { SearchRequest } from '../papers/search.usecases.js';
import type { SearchMode, SearchSort } from '../search/search.models.js';

export interface SearchQueryString {
  q?: string;
  like?: string;
  category?: string;
  year?: number;
  has_code?: boolean;
  sort?: SearchSort;
  page?: number;
  mode?: SearchMode;
  /** false: search the text exactly as typed, without replacing it by a spelling correction when it finds nothing. */
  spell?: boolean;
}

/** The search page's query parameters; the JSON API takes the same ones plus `limit`, feeds all but `page`/`like`. */
export const searchQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 2000, default: '' },
    like: { type: 'string', maxLength: 20000 },
    category: { type: 'string', pattern: '^[A-Za-z-]+(\\.[A-Za-z-]+)?$', description: 'arXiv category, e.g. cs.CL' },
    year: { type: 'integer', minimum: 1990, maximum: 2100 },
    has_code: { type: 'boolean' },
    sort: { type: 'string', enum: ['relevance', 'newest', 'upvotes'], default: 'relevance' },
    page: { type: 'integer', minimum: 1, maximum: 500, default: 1 },
    spell: {
      type: 'boolean',
      description:
        'false: when the query finds nothing, do not answer with the results of its spelling correction (the suggestion is still returned)',
    },
    mode: {
      type: 'string',
      enum: ['keyword', 'semantic', 'hybrid'],
      description:
        'Ranking: keyword (BM25), semantic (embeddings) or hybrid (fused); default: the site setting search.defaultMode',
    },
  },
} as const;

/**
 * The search request for a query string: `limit` results from page `page` (default 1), the site's default mode
 * when the query names none, spelling corrections applied unless `spell=false`. `like` is not mapped: search by
 * example is another use case (papersLikeText).
 */
export function toSearchRequest(
  q: SearchQueryString,
  opts: { limit: number; defaultMode: SearchMode; embeddings?: QueryEmbedder | null },
): SearchRequest {
  return {
    text: q.q ?? '',
    mode: q.mode ?? opts.defaultMode,
    spell: q.spell !== false,
    embeddings: opts.embeddings ?? null,
    options: {
      limit: opts.limit,
      offset: ((q.page ?? 1) - 1) * opts.limit,
      sort: q.sort ?? 'relevance',
      category: q.category ?? null,
      yearFrom: q.year ?? null,
      yearTo: q.year ?? null,
      hasCode: q.has_code ?? null,
    },
  };
}

/** The search-by-example text of a query string, or null when the query searches by words. */
export function exampleText(q: SearchQueryString): string | null {
  return q.like?.trim() ? q.like : null;
}
