// /categories/{id}: one arXiv category's newest papers, from the search index (the same source as its feed, so
// the page and /feeds/category/{id}.rss agree), with the follow button. Any casing of the name redirects to arXiv's
// own ("cs.lg" → "cs.LG"), so a category has one address.
import type { FastifyInstance } from 'fastify';
import { canonicalCategory } from '../../follows/categories.js';
import { searchPapers } from '../../papers/search.usecases.js';
import type { Services } from '../../services.js';
import { noSuchPage } from '../errors.js';
import { categoryFeedLinks } from '../feeds/feed-links.js';
import { pageChrome } from '../plugins/chrome.js';
import { toSearchRequest } from '../search-query.js';
import { categoryPage, categoryPageHref } from '../views/category-page.js';
import { sendHtml } from './community-http.js';
import { followControl } from './following-control.js';
import { searchCards } from './search-cards.js';

const querystring = {
  type: 'object',
  properties: { page: { type: 'integer', minimum: 1, maximum: 1000 } },
} as const;

export async function categoryRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Params: { id: string }; Querystring: { page?: number } }>(
    '/categories/:id',
    { schema: { hide: true, querystring } },
    async (request, reply) => {
      const requested = request.params.id.slice(0, 60);
      const category = canonicalCategory(requested);
      if (!category) throw noSuchPage(request.url, `"${requested}" is not an arXiv category (e.g. cs.CL or hep-th).`);
      const page = request.query.page ?? 1;
      if (category !== requested) return reply.redirect(categoryPageHref(category, page), 301);
      const pageSize = services.config.pages.pageSize;
      const result = await searchPapers(
        services.store,
        services.search,
        toSearchRequest({ category, sort: 'newest', page }, { limit: pageSize, defaultMode: 'keyword' }),
      );
      const chrome = await pageChrome(request, reply, services);
      const cards = await searchCards({
        store: services.store,
        viewer: request.viewer,
        items: result.items.map((i) => ({ paper: i.paper })),
      });
      return sendHtml(
        reply,
        categoryPage({
          chrome,
          category,
          cards,
          total: result.total,
          totalExact: result.totalExact,
          page,
          pageCount: Math.max(1, Math.ceil(result.total / pageSize)),
          feeds: categoryFeedLinks(category),
          follow: await followControl({
            request,
            services,
            chrome,
            target: { kind: 'category', key: category },
            name: category,
          }),
        }),
      );
    },
  );
}
