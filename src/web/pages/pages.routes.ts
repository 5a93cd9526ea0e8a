import type { FastifyInstance, FastifyReply } from 'fastify';
import { getDailyList, getPaper, getTrending } from '../../papers/papers.usecases.js';
import type { Services } from '../../services.js';
import { periodFromQuery } from '../api/papers.routes.js';
import { dailyPage } from '../views/daily-page.js';
import type { SafeHtml } from '../views/html.js';
import { paperPage } from '../views/paper-page.js';
import { aboutTrendingPage, trendingPage } from '../views/trending-page.js';
import type { ChromeVM, DailySort } from '../views/view-models.js';
import { cardVM, dailyPageVM, paperPageVM } from './daily.vm.js';

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
  const chrome = (): ChromeVM => ({ user: null, csrfToken: null, origin: config.server.publicUrl });

  const showDaily = async (query: DailyPageQuery, reply: FastifyReply) => {
    const sort = query.sort ?? 'upvotes';
    const daily = await getDailyList(store, {
      period: periodFromQuery(query),
      sort,
      page: query.page ?? 1,
      pageSize: config.pages.pageSize,
    });
    return sendPage(reply, dailyPage(dailyPageVM(daily, sort, chrome())));
  };

  app.get<{ Querystring: DailyPageQuery }>('/', { schema: { hide: true, querystring: dailyQuerySchema } }, (request, reply) =>
    showDaily(request.query, reply),
  );
  app.get<{ Querystring: DailyPageQuery }>('/papers', { schema: { hide: true, querystring: dailyQuerySchema } }, (request, reply) =>
    showDaily(request.query, reply),
  );
  app.get<{ Params: { '*': string } }>('/papers/*', { schema: { hide: true } }, async (request, reply) => {
    const result = await getPaper(store, request.params['*']);
    return sendPage(reply, paperPage(paperPageVM(result, chrome())));
  });
}

export async function trendingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { store, config } = opts.services;
  const chrome = (): ChromeVM => ({ user: null, csrfToken: null, origin: config.server.publicUrl });
  const { halfLifeHours, windowDays } = config.trending;

  app.get('/trending', { schema: { hide: true } }, async (_request, reply) => {
    const { items } = await getTrending(store, { windowDays, limit: 50 });
    const vm = { chrome: chrome(), windowDays, halfLifeHours, items: items.map((item, i) => cardVM(item, i + 1)) };
    return sendPage(reply, trendingPage(vm));
  });
  app.get('/about/trending', { schema: { hide: true } }, async (_request, reply) =>
    sendPage(reply, aboutTrendingPage({ chrome: chrome(), halfLifeHours, windowDays })),
  );
}
