import type { FastifyInstance } from 'fastify';
import type { PeriodKind } from '../../core/dates.js';
import { periodInvalid } from '../../papers/papers.errors.js';
import { getDailyList, getPaper } from '../../papers/papers.usecases.js';
import type { Services } from '../../services.js';
import { listingToJson, paperToJson } from './paper.schema.js';

const errorResponses = { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } };

interface DailyQueryString {
  date?: string;
  week?: string;
  month?: string;
  sort?: 'upvotes' | 'trending' | 'newest';
  page?: number;
  limit?: number;
}

/** Picks the one period parameter a daily request may carry. Shared by the page and the API. */
export function periodFromQuery(q: { date?: string; week?: string; month?: string }) {
  const given = (['date', 'week', 'month'] as const).filter((k) => q[k] !== undefined && q[k] !== '');
  if (given.length > 1) throw periodInvalid();
  const key = given[0];
  if (!key) return undefined;
  const kind: PeriodKind = key === 'date' ? 'day' : key;
  return { kind, value: q[key]! };
}

export async function papersApiRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { store } = opts.services;

  app.get<{ Querystring: DailyQueryString }>(
    '/api/v1/daily',
    {
      schema: {
        tags: ['papers'],
        summary: 'Papers listed on a day, ISO week or month (latest day with listings when none is given)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            date: { type: 'string', description: 'UTC day, YYYY-MM-DD' },
            week: { type: 'string', description: 'ISO week, YYYY-Www' },
            month: { type: 'string', description: 'Month, YYYY-MM' },
            sort: { type: 'string', enum: ['upvotes', 'trending', 'newest'], default: 'upvotes' },
            page: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 30 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['period', 'page', 'limit', 'total', 'pageCount', 'items'],
            properties: {
              period: {
                type: 'object',
                required: ['kind', 'value', 'from', 'to'],
                properties: {
                  kind: { type: 'string', enum: ['day', 'week', 'month'] },
                  value: { type: 'string' },
                  from: { type: 'string', format: 'date' },
                  to: { type: 'string', format: 'date' },
                },
              },
              page: { type: 'integer' },
              limit: { type: 'integer' },
              total: { type: 'integer' },
              pageCount: { type: 'integer' },
              previous: {
                type: ['string', 'null'],
                description: 'The previous period with papers (days skip empty days)',
              },
              next: { type: ['string', 'null'] },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['paper', 'listing'],
                  properties: { paper: { $ref: 'Paper#' }, listing: { $ref: 'Listing#' } },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const daily = await getDailyList(store, {
        period: periodFromQuery(q),
        sort: q.sort ?? 'upvotes',
        page: q.page ?? 1,
        pageSize: q.limit ?? 30,
      });
      return {
        period: daily.period,
        page: daily.page,
        limit: daily.pageSize,
        total: daily.total,
        pageCount: daily.pageCount,
        previous: daily.previous,
        next: daily.next,
        items: daily.items.map((i) => ({ paper: paperToJson(i.paper), listing: listingToJson(i.listing) })),
      };
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/api/v1/papers/*',
    {
      schema: {
        tags: ['papers'],
        summary: 'One paper by arXiv id (new style 2401.01234, old style hep-th/9901001, versioned or not)',
        params: { type: 'object', properties: { '*': { type: 'string', description: 'arXiv id' } } },
        response: {
          200: {
            type: 'object',
            required: ['paper', 'listing'],
            properties: { paper: { $ref: 'Paper#' }, listing: { $ref: 'Listing#' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { paper, listing } = await getPaper(store, request.params['*']);
      return { paper: paperToJson(paper), listing: listingToJson(listing) };
    },
  );
}
