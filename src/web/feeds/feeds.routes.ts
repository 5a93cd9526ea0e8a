// /feeds/daily.{rss,atom}, /feeds/trending.{rss,atom}, /feeds/category/{cat}.{rss,atom}. Validators and the
// 304 answer come from the HTTP hygiene plugin; routes only say when their content last changed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { periodFromQuery } from '../api/papers.routes.js';
import { lastModifiedOf } from '../plugins/http-hygiene.js';
import type { FeedFormat, FeedSource } from './feed.models.js';
import { FEED_CONTENT_TYPES, renderFeed } from './feed-builder.js';
import {
  type CategoryScope,
  categoryFeedSource,
  dailyFeedSource,
  type PapersInCategory,
  trendingFeedSource,
} from './feed-sources.js';

export interface FeedRoutesOptions {
  store: Store;
  origin: string;
  maxItems: number;
  trendingWindowDays: number;
  /** Where category feeds get their papers; without it there are no category feeds. */
  papersInCategory?: PapersInCategory;
}

const FORMATS: FeedFormat[] = ['rss', 'atom'];
const periodQuery = {
  type: 'object',
  properties: {
    date: { type: 'string', maxLength: 20 },
    week: { type: 'string', maxLength: 20 },
    month: { type: 'string', maxLength: 20 },
  },
} as const;

export async function feedRoutes(app: FastifyInstance, opts: FeedRoutesOptions) {
  const { store, origin, maxItems } = opts;
  const send = (reply: FastifyReply, source: FeedSource, format: FeedFormat) => {
    const lastModified = source.lastModified ? lastModifiedOf([source.lastModified]) : null;
    if (lastModified) reply.header('last-modified', lastModified);
    return reply.type(FEED_CONTENT_TYPES[format]).send(renderFeed({ source, format, origin }));
  };

  for (const format of FORMATS) {
    app.get<{ Querystring: { date?: string; week?: string; month?: string } }>(
      `/feeds/daily.${format}`,
      { schema: { hide: true, querystring: periodQuery } },
      async (request, reply) =>
        send(reply, await dailyFeedSource({ store, period: periodFromQuery(request.query), maxItems }), format),
    );
    app.get(`/feeds/trending.${format}`, { schema: { hide: true } }, async (_request, reply) =>
      send(reply, await trendingFeedSource({ store, windowDays: opts.trendingWindowDays, maxItems }), format),
    );
  }

  const { papersInCategory } = opts;
  if (!papersInCategory) return;
  app.get<{ Params: { file: string }; Querystring: { scope?: CategoryScope } }>(
    '/feeds/category/:file',
    {
      schema: {
        hide: true,
        querystring: { type: 'object', properties: { scope: { type: 'string', enum: ['any', 'primary'] } } },
      },
    },
    async (request, reply) => {
      const match = /^(.+)\.(rss|atom)$/.exec(request.params.file);
      if (!match)
        throw new NotFoundError(
          'route.not_found',
          'Category feeds end in .rss or .atom, e.g. /feeds/category/cs.CL.rss',
        );
      const scope = request.query.scope ?? 'any';
      const source = await categoryFeedSource({ papersInCategory, category: match[1]!, scope, maxItems });
      return send(reply, source, match[2] as FeedFormat);
    },
  );
}
