// GET /api/papers/search?q=&limit= (huggingface_hub's `list_papers`): the site's keyword search, each hit in
// the daily-item shape the client parses, with highlighted fragments.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StoredPaper } from '../../../papers/papers.models.js';
import { searchPapers } from '../../../papers/search.usecases.js';
import { visibleListingOf } from '../../../papers/search-listings.usecases.js';
import type { SearchIndex } from '../../../search/index.js';
import type { Services } from '../../../services.js';
import { refusal, SEARCH_QUERY_INVALID, toSearchRequest } from '../../search-query.js';
import { validated } from '../../validation.js';
import { hfDailyItem, hfPaper, numCommentsOf, thumbnailUrl } from './hf.models.js';

export const HF_SEARCH_DEFAULT_LIMIT = 20;
export const HF_SEARCH_MAX_LIMIT = 100;

const limitRefusal = refusal('limit must be a whole number from 1.');
const hfSearchQuerySchema = z.object({
  q: z
    .string(refusal('q is required.'))
    .min(1, refusal('q is required.'))
    .max(2000, refusal('q can be at most 2000 characters long.')),
  limit: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
      z.number(limitRefusal).int(limitRefusal).min(1, limitRefusal),
    )
    .describe(`Values above ${HF_SEARCH_MAX_LIMIT} are treated as ${HF_SEARCH_MAX_LIMIT}`)
    .default(HF_SEARCH_DEFAULT_LIMIT),
});

/** A hit as a daily item when the paper is listed here, else the same wrapper without a submitter. */
async function hitItem({ store, paper, origin }: { store: Services['store']; paper: StoredPaper; origin: string }) {
  const listing = await visibleListingOf({ store, paperId: paper.id });
  if (listing) return hfDailyItem({ paper, listing, origin });
  const hf = hfPaper({ paper, listing: null, origin });
  return {
    paper: hf,
    publishedAt: hf.publishedAt,
    title: hf.title,
    summary: hf.summary,
    thumbnail: thumbnailUrl({ arxivId: paper.arxivId, origin }),
    numComments: numCommentsOf(null),
    isAuthorParticipating: false,
  };
}

export async function hfSearchRoutes(
  app: FastifyInstance,
  opts: { store: Services['store']; search: SearchIndex; origin: string },
) {
  const { store, search, origin } = opts;
  app.get<{ Querystring: z.output<typeof hfSearchQuerySchema> }>(
    '/api/papers/search',
    {
      ...validated(
        { querystring: hfSearchQuerySchema },
        {
          code: SEARCH_QUERY_INVALID,
          extra: {
            tags: ['hugging face compatible'],
            summary: 'Keyword search in the shape of huggingface.co/api/papers/search',
            description:
              'The same query syntax as the search page (words, "phrases", -exclusions, cat:, year:, author:). ' +
              '`highlightedTitle` and `highlightedSummary` are HTML-escaped text with <mark> around matches.',
            response: { 200: { type: 'array', items: { $ref: 'HfSearchItem#' } }, 400: { $ref: 'Error#' } },
          },
        },
      ),
    },
    async (request) => {
      const limit = Math.min(request.query.limit ?? HF_SEARCH_DEFAULT_LIMIT, HF_SEARCH_MAX_LIMIT);
      // Keyword ranking, as on huggingface.co: this endpoint has no mode parameter and uses no embeddings.
      const query = toSearchRequest({ q: request.query.q }, { limit, defaultMode: 'keyword' });
      const result = await searchPapers(store, search, query);
      return Promise.all(
        result.items.map(async (hit) => ({
          ...(await hitItem({ store, paper: hit.paper, origin })),
          highlightedTitle: hit.highlightedTitle,
          highlightedSummary: hit.highlightedAbstract,
        })),
      );
    },
  );
}
