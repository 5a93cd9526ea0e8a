// /feeds/daily.{rss,atom}, /feeds/trending.{rss,atom}, /feeds/category/{cat}.{rss,atom}, /feeds/search.{rss,atom}
// (any search or saved search), /feeds/collections/{id}.{rss,atom}, /feeds/users/{username}.{rss,atom},
// /feeds/authors/{slug}.{rss,atom}.
// Validators and the 304 answer come from the HTTP hygiene plugin; routes only say when their content last changed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.js';
import { periodFromQuery } from '../api/papers.routes.js';
import { noSuchPage } from '../errors.js';
import { lastModifiedOf } from '../plugins/http-hygiene.js';
import { SEARCH_QUERY_INVALID, searchFeedQuerySchema } from '../search-query.js';
import { validated } from '../validation.js';
import type { FeedFormat, FeedSource } from './feed.models.js';
import { FEED_CONTENT_TYPES, renderFeed } from './feed-builder.js';
import {
  authorFeedSource,
  type CategoryScope,
  categoryFeedSource,
  collectionFeedSource,
  dailyFeedSource,
  type PapersInCategory,
  searchFeedSource,
  trendingFeedSource,
  userSubmissionsFeedSource,
} from './feed-sources.js';
import type { SearchFeedQuery, SearchForFeed } from './search-papers.js';

export interface FeedRoutesOptions {
  store: Services['store'];
  origin: string;
  maxItems: number;
  trendingWindowDays: number;
  /** Where category feeds get their papers; without it there are no category feeds. */
  papersInCategory?: PapersInCategory;
  /** Where search feeds get their papers; without it there are no search feeds. */
  searchForFeed?: SearchForFeed;
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

/** "cs.CL.rss" → ["cs.CL", "rss"]; a name without a feed extension is not a feed. */
function splitFeedFile(file: string, example: string): [string, FeedFormat] {
  const match = /^(.+)\.(rss|atom)$/.exec(file);
  if (!match) throw noSuchPage(file, `Feeds end in .rss or .atom, e.g. ${example}`);
  return [match[1]!, match[2] as FeedFormat];
}

interface FeedContext {
  app: FastifyInstance;
  opts: FeedRoutesOptions;
  send: (reply: FastifyReply, source: FeedSource, format: FeedFormat) => FastifyReply;
}

function setupDailyFeedRoute({ app, opts, send }: FeedContext, format: FeedFormat) {
  app.get<{ Querystring: { date?: string; week?: string; month?: string } }>(
    `/feeds/daily.${format}`,
    { schema: { hide: true, querystring: periodQuery } },
    async (request, reply) => {
      const period = periodFromQuery(request.query);
      return send(reply, await dailyFeedSource({ store: opts.store, period, maxItems: opts.maxItems }), format);
    },
  );
}

function setupTrendingFeedRoute({ app, opts, send }: FeedContext, format: FeedFormat) {
  app.get(`/feeds/trending.${format}`, { schema: { hide: true } }, async (_request, reply) => {
    const source = await trendingFeedSource({
      store: opts.store,
      windowDays: opts.trendingWindowDays,
      maxItems: opts.maxItems,
    });
    return send(reply, source, format);
  });
}

function setupCollectionFeedRoute({ app, opts, send }: FeedContext) {
  app.get<{ Params: { file: string } }>(
    '/feeds/collections/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const [id, format] = splitFeedFile(request.params.file, '/feeds/collections/12.rss');
      return send(reply, await collectionFeedSource({ store: opts.store, id, maxItems: opts.maxItems }), format);
    },
  );
}

function setupUserFeedRoute({ app, opts, send }: FeedContext) {
  app.get<{ Params: { file: string } }>('/feeds/users/:file', { schema: { hide: true } }, async (request, reply) => {
    const [username, format] = splitFeedFile(request.params.file, '/feeds/users/ada.rss');
    const source = await userSubmissionsFeedSource({ store: opts.store, username, maxItems: opts.maxItems });
    return send(reply, source, format);
  });
}

function setupAuthorFeedRoute({ app, opts, send }: FeedContext) {
  app.get<{ Params: { file: string } }>('/feeds/authors/:file', { schema: { hide: true } }, async (request, reply) => {
    const [slug, format] = splitFeedFile(request.params.file, '/feeds/authors/paul-levy.rss');
    return send(reply, await authorFeedSource({ store: opts.store, slug, maxItems: opts.maxItems }), format);
  });
}

function setupSearchFeedRoute({ app, opts, send }: FeedContext, format: FeedFormat, searchForFeed: SearchForFeed) {
  app.get<{ Querystring: SearchFeedQuery }>(
    `/feeds/search.${format}`,
    validated({ querystring: searchFeedQuerySchema }, { code: SEARCH_QUERY_INVALID, extra: { hide: true } }),
    async (request, reply) =>
      send(reply, await searchFeedSource({ searchForFeed, query: request.query, maxItems: opts.maxItems }), format),
  );
}

function setupCategoryFeedRoute({ app, opts, send }: FeedContext, papersInCategory: PapersInCategory) {
  app.get<{ Params: { file: string }; Querystring: { scope?: CategoryScope } }>(
    '/feeds/category/:file',
    {
      schema: {
        hide: true,
        querystring: { type: 'object', properties: { scope: { type: 'string', enum: ['any', 'primary'] } } },
      },
    },
    async (request, reply) => {
      const [category, format] = splitFeedFile(request.params.file, '/feeds/category/cs.CL.rss');
      const scope = request.query.scope ?? 'any';
      const source = await categoryFeedSource({ papersInCategory, category, scope, maxItems: opts.maxItems });
      return send(reply, source, format);
    },
  );
}

export async function feedRoutes(app: FastifyInstance, opts: FeedRoutesOptions) {
  const send = (reply: FastifyReply, source: FeedSource, format: FeedFormat) => {
    const lastModified = source.lastModified ? lastModifiedOf([source.lastModified]) : null;
    if (lastModified) reply.header('last-modified', lastModified);
    return reply.type(FEED_CONTENT_TYPES[format]).send(renderFeed({ source, format, origin: opts.origin }));
  };
  const ctx: FeedContext = { app, opts, send };
  for (const format of FORMATS) {
    setupDailyFeedRoute(ctx, format);
    setupTrendingFeedRoute(ctx, format);
  }
  setupCollectionFeedRoute(ctx);
  setupUserFeedRoute(ctx);
  setupAuthorFeedRoute(ctx);
  // Without a search or category source (a site wired without them) those feeds do not exist.
  if (opts.searchForFeed) for (const format of FORMATS) setupSearchFeedRoute(ctx, format, opts.searchForFeed);
  if (opts.papersInCategory) setupCategoryFeedRoute(ctx, opts.papersInCategory);
}
