// GET /api/daily_papers, as huggingface_hub's `list_daily_papers` calls it: same parameters, same JSON array,
// served by the same use case as the daily page.
import type { FastifyInstance } from 'fastify';
import type { ListingSort } from '../../../papers/papers.models.js';
import { getDailyPageBySubmitter } from '../../../papers/papers.usecases.js';
import type { Services } from '../../../services.js';
import { periodFromQuery } from '../papers.routes.js';
import { hfDailyItem } from './hf.models.js';

export interface HfDailyQuery {
  date?: string;
  week?: string;
  month?: string;
  submitter?: string;
  sort?: 'publishedAt' | 'trending';
  p?: number;
  limit?: number;
}

export const HF_DEFAULT_LIMIT = 50;
export const HF_MAX_LIMIT = 100;

// HF's "publishedAt" order is newest first; ours is by the time of listing.
const SORTS: Record<NonNullable<HfDailyQuery['sort']>, ListingSort> = { publishedAt: 'newest', trending: 'trending' };

function nextLink({ origin, query, limit }: { origin: string; query: HfDailyQuery; limit: number }): string {
  const params = new URLSearchParams();
  for (const key of ['date', 'week', 'month', 'submitter', 'sort'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  params.set('p', String((query.p ?? 0) + 1));
  params.set('limit', String(limit));
  return `<${origin}/api/daily_papers?${params}>; rel="next"`;
}

export async function hfDailyPapersRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { origin } = opts;
  const { store } = opts.services;
  app.get<{ Querystring: HfDailyQuery }>(
    '/api/daily_papers',
    {
      schema: {
        tags: ['hugging face compatible'],
        summary: 'Daily papers in the shape of huggingface.co/api/daily_papers',
        description:
          'Listings of a day, ISO week or month (the latest day with listings when none is given), as a JSON array. ' +
          'Paging is 0-based (`p`); a page past the end is `[]`; a `Link: <…>; rel="next"` header points to the next page.',
        querystring: {
          type: 'object',
          properties: {
            date: { type: 'string', maxLength: 20, description: 'UTC day, YYYY-MM-DD' },
            week: { type: 'string', maxLength: 20, description: 'ISO week, YYYY-Www' },
            month: { type: 'string', maxLength: 20, description: 'Month, YYYY-MM' },
            submitter: { type: 'string', maxLength: 100, description: 'Only papers this username submitted' },
            sort: { type: 'string', enum: ['publishedAt', 'trending'], default: 'publishedAt' },
            p: { type: 'integer', minimum: 0, maximum: 100_000, default: 0, description: 'Page, 0-based' },
            limit: {
              type: 'integer',
              minimum: 1,
              default: HF_DEFAULT_LIMIT,
              description: `Items per page; values above ${HF_MAX_LIMIT} are treated as ${HF_MAX_LIMIT}`,
            },
          },
        },
        response: {
          200: { type: 'array', items: { $ref: 'HfDailyPaper#' } },
          400: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const limit = Math.min(query.limit ?? HF_DEFAULT_LIMIT, HF_MAX_LIMIT);
      const { items, total } = await getDailyPageBySubmitter(store, {
        period: periodFromQuery(query),
        sort: SORTS[query.sort ?? 'publishedAt'],
        p: query.p ?? 0,
        limit,
        submitter: query.submitter,
      });
      if (((query.p ?? 0) + 1) * limit < total) reply.header('link', nextLink({ origin, query, limit }));
      return items.map((item) => hfDailyItem({ paper: item.paper, listing: item.listing, origin }));
    },
  );
}
