// One mapping from a search's query string to the search use case's request, shared by everything that searches
// with the search page's parameters: the page (/search), the JSON API (/api/v1/search), the Hugging Face–shaped
// endpoint (/api/papers/search) and the search and category feeds. A parameter means the same everywhere.

import { z } from 'zod';
import type { QueryEmbedder } from '../embeddings/query-embedder.js';
import type { SearchRequest } from '../papers/search.usecases.js';
import type { SearchMode } from '../search/search.models.js';

/** A refusal of a search's query string, as every other malformed request is refused (web/errors.ts). */
export const SEARCH_QUERY_INVALID = 'request.invalid';

export const refusal = (text: string) => ({ error: `Invalid request: ${text}` });

// Query-string values arrive as text: numbers are read as numbers ("2024"), empty text is not a number.
export const queryInt = (name: string, min: number, max: number) => {
  const message = refusal(`${name} must be a whole number from ${min} to ${max}.`);
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number(message).int(message).min(min, message).max(max, message),
  );
};
const queryBoolean = (name: string) =>
  z.union(
    [z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')],
    refusal(`${name} must be true or false.`),
  );

/** The search page's query parameters; the JSON API takes the same ones plus `limit`, feeds all but `page`/`like`. */
export const searchQuerySchema = z.object({
  q: z.string(refusal('q must be text.')).max(2000, refusal('q can be at most 2000 characters long.')).default(''),
  like: z
    .string(refusal('like must be text.'))
    .max(20000, refusal('like can be at most 20,000 characters long.'))
    .optional(),
  category: z
    .string()
    .regex(/^[A-Za-z-]+(\.[A-Za-z-]+)?$/, refusal('category must be an arXiv category such as cs.CL.'))
    .describe('arXiv category, e.g. cs.CL')
    .optional(),
  year: queryInt('year', 1990, 2100).optional(),
  has_code: queryBoolean('has_code').optional(),
  sort: z
    .enum(['relevance', 'newest', 'upvotes'], refusal('sort must be relevance, newest or upvotes.'))
    .default('relevance'),
  page: queryInt('page', 1, 500).default(1),
  spell: queryBoolean('spell')
    .describe(
      'false: when the query finds nothing, do not answer with the results of its spelling correction (the suggestion is still returned)',
    )
    .optional(),
  mode: z
    .enum(['keyword', 'semantic', 'hybrid'], refusal('mode must be keyword, semantic or hybrid.'))
    .describe(
      'Ranking: keyword (BM25), semantic (embeddings) or hybrid (fused); default: the site setting search.defaultMode',
    )
    .optional(),
});

/** The JSON API's query: the page's parameters plus how many results. */
export const searchApiQuerySchema = searchQuerySchema.extend({ limit: queryInt('limit', 1, 100).default(20) });

/** A feed's query: a feed is the first page, and search by example has no feed. */
export const searchFeedQuerySchema = searchQuerySchema.omit({ like: true, page: true });

/** The search parameters as a route receives them (validated, defaults applied); any subset is a valid search. */
export type SearchQueryString = Partial<z.output<typeof searchQuerySchema>>;

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
