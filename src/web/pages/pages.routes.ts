import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { findOrganization } from '../../organizations/organizations.usecases.js';
import { getDailyList, getTrending } from '../../papers/papers.usecases.js';
import type { Services } from '../../services.js';
import { periodFromQuery } from '../api/papers.routes.js';
import { prefersMarkdown } from '../content-negotiation.js';
import { dailyFeedLinks, trendingFeedLinks } from '../feeds/feed-links.js';
import { pageChrome, templateChrome } from '../plugins/chrome.js';
import { isAnonymous } from '../plugins/page-cache.js';
import { appendVary } from '../plugins/vary.js';
import { dailyPage } from '../views/daily-page.js';
import { aboutTrendingPage, trendingPage } from '../views/trending-page.js';
import type { ChromeVM, DailySort } from '../views/view-models.js';
import { cardVM, dailyPageVM } from './daily.vm.js';
import { sendPage } from './pages-http.js';
import { sendPaperMarkdown } from './paper-markdown.routes.js';
import { buildPaperPage } from './paper-page.vm.js';
import { readerPage, type SharedPages } from './shared-pages.js';

interface DailyPageQuery {
  date?: string;
  week?: string;
  month?: string;
  sort?: DailySort;
  page?: number;
  /** An organization's slug: only its papers (organizations/). */
  org?: string;
}

const dailyQuerySchema = {
  type: 'object',
  properties: {
    date: { type: 'string', maxLength: 20 },
    week: { type: 'string', maxLength: 20 },
    month: { type: 'string', maxLength: 20 },
    sort: { type: 'string', enum: ['upvotes', 'trending', 'newest'] },
    page: { type: 'integer', minimum: 1, maximum: 10000 },
    org: { type: 'string', maxLength: 100 },
  },
} as const;

export async function pageRoutes(app: FastifyInstance, opts: { services: Services; sharedPages?: SharedPages }) {
  const { store, config } = opts.services;

  /** The daily page with `chrome`, annotated for `viewer` (null: for nobody, as a shared template is). */
  const renderDaily = async (query: DailyPageQuery, viewer: FastifyRequest['viewer'], chrome: ChromeVM) => {
    const sort = query.sort ?? 'upvotes';
    const organization = query.org ? await findOrganization(store, query.org) : undefined;
    const daily = await getDailyList(store, {
      period: periodFromQuery(query),
      sort,
      page: query.page ?? 1,
      pageSize: config.pages.pageSize,
      organizationId: organization?.id,
    });
    const paperIds = daily.items.map((i) => i.paper.id);
    const notes = await annotateCards({ store, viewer, paperIds });
    const vm = dailyPageVM(daily, sort, chrome, notes, organization);
    return dailyPage({ ...vm, alternateFeeds: dailyFeedLinks(query) });
  };

  const showDaily = async (request: FastifyRequest<{ Querystring: DailyPageQuery }>, reply: FastifyReply) => {
    const { query } = request;
    // Anonymous readers get the page cache's whole pages; a request with a cookie gets the shared template of
    // the page with its reader's parts (shared-pages.ts), rendered for that reader alone.
    const shared = opts.sharedPages;
    if (shared && !isAnonymous(request)) {
      const version = await opts.services.pageVersion.current({ withIndex: false });
      const template = await shared.template(`daily ${request.url}`, version, (slots) =>
        renderDaily(query, null, templateChrome(request, opts.services, slots)),
      );
      if (template) {
        const { body, etag } = await readerPage(template, request, reply, opts.services);
        return sendPage(reply.header('etag', etag), body);
      }
    }
    const chrome = await pageChrome(request, reply, opts.services);
    return sendPage(reply, await renderDaily(query, request.viewer, chrome));
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
  app.get<{ Params: { '*': string } }>('/papers/*', { schema: { hide: true } }, async (request, reply) => {
    const idText = request.params['*'];
    // `Accept: text/markdown` gets the page as Markdown, as /papers/{id}.md (paper-markdown.routes.ts).
    if (prefersMarkdown(request)) return sendPaperMarkdown({ services: opts.services, idText, reply });
    appendVary(reply, 'Accept');
    return sendPage(reply, await buildPaperPage({ services: opts.services, request, reply, idText }));
  });
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
