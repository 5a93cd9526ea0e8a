import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { getDailyList, getTrending } from '../../papers/papers.usecases.js';
import type { SafeHtml } from '../../render/html.js';
import type { Services } from '../../services.js';
import { periodFromQuery } from '../api/papers.routes.js';
import { dailyFeedLinks, trendingFeedLinks } from '../feeds/feed-links.js';
import { pageChrome } from '../plugins/chrome.js';
import { dailyPage } from '../views/daily-page.js';
import { aboutTrendingPage, trendingPage } from '../views/trending-page.js';
import type { DailySort } from '../views/view-models.js';
import { cardVM, dailyPageVM } from './daily.vm.js';
import { buildPaperPage } from './paper-page.vm.js';

interface DailyPageQuery {
  date?: string;
  week?: string;
  month?: string;
  sort?: DailySort;
  page?: number;
}

const dailyQuerySchema = {
  type: 'object',
  properties: {
    date: { type: 'string', maxLength: 20 },
    week: { type: 'string', maxLength: 20 },
    month: { type: 'string', maxLength: 20 },
    sort: { type: 'string', enum: ['upvotes', 'trending', 'newest'] },
    page: { type: 'integer', minimum: 1, maximum: 10000 },
  },
} as const;

function sendPage(reply: FastifyReply, page: SafeHtml) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page.toString());
}

export async function pageRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { store, config } = opts.services;

  const showDaily = async (request: FastifyRequest<{ Querystring: DailyPageQuery }>, reply: FastifyReply) => {
    const { query } = request;
    const sort = query.sort ?? 'upvotes';
    const daily = await getDailyList(store, {
      period: periodFromQuery(query),
      sort,
      page: query.page ?? 1,
      pageSize: config.pages.pageSize,
    });
    const paperIds = daily.items.map((i) => i.paper.id);
    const notes = await annotateCards({ store, viewer: request.viewer, paperIds });
    const chrome = await pageChrome(request, reply, opts.services);
    return sendPage(
      reply,
      dailyPage({ ...dailyPageVM(daily, sort, chrome, notes), alternateFeeds: dailyFeedLinks(query) }),
    );
  };

  app.get<{ Querystring: DailyPageQuery }>(
    '/',
    { schema: { hide: true, querystring: dailyQuerySchema } },
    (request, reply) => showDaily(request, reply),
  );
  app.get<{ Querystring: DailyPageQuery }>(
    '/papers',
    { schema: { hide: true, querystring: dailyQuerySchema } },
    (request, reply) => showDaily(request, reply),
  );
  app.get<{ Params: { '*': string } }>('/papers/*', { schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, await buildPaperPage({ services: opts.services, request, reply, idText: request.params['*'] })),
  );
}

export async function trendingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { store, config } = opts.services;
  const { halfLifeHours, windowDays } = config.trending;

  app.get('/trending', { schema: { hide: true } }, async (request, reply) => {
    const { items } = await getTrending(store, { windowDays, limit: 50 });
    const notes = await annotateCards({ store, viewer: request.viewer, paperIds: items.map((i) => i.paper.id) });
    const chrome = await pageChrome(request, reply, opts.services);
    const vm = {
      chrome,
      windowDays,
      halfLifeHours,
      items: items.map((item, i) => cardVM(item, i + 1, notes)),
      alternateFeeds: trendingFeedLinks(),
    };
    return sendPage(reply, trendingPage(vm));
  });
  app.get('/about/trending', { schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      aboutTrendingPage({ chrome: await pageChrome(request, reply, opts.services), halfLifeHours, windowDays }),
    ),
  );
}
