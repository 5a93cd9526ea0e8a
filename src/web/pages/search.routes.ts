// GET /search: the search page. The query string is validated by the shared schema (web/search-query.ts); the view
// model (search.vm.ts) runs the search; this route renders it.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { pageChrome, templateChrome } from '../plugins/chrome.js';
import { SEARCH_QUERY_INVALID, type SearchQueryString, searchQuerySchema } from '../search-query.js';
import { validated } from '../validation.js';
import { searchPage } from '../views/search-page.js';
import { sendPage } from './pages-http.js';
import { searchPageVM } from './search.vm.js';
import { readerPage, type SharedPages } from './shared-pages.js';

function setupSearchPageRoute({
  app,
  services,
  sharedPages,
}: {
  app: FastifyInstance;
  services: Services;
  sharedPages?: SharedPages;
}) {
  app.get<{ Querystring: SearchQueryString }>(
    '/search',
    validated({ querystring: searchQuerySchema }, { code: SEARCH_QUERY_INVALID, extra: { hide: true } }),
    async (request, reply) => {
      // One rendering per URL and version, shared by every reader: a repeated query neither ranks, highlights nor
      // renders math again (shared-pages.ts). The version — the store's, the index's position and the generation of
      // its results (which also moves on a df refresh, new lists or vectors) — is read before the search.
      if (sharedPages) {
        const results = services.search.resultsGeneration();
        const version = `${await services.pageVersion.current({ withIndex: true })}.${results}`;
        const template = await sharedPages.template(`search ${request.url}`, version, async (slots) => {
          const chrome = templateChrome(request, services, slots);
          const vm = await searchPageVM({ deps: services, chrome, viewer: null, q: request.query });
          return searchPage(vm);
        });
        if (template) {
          const { body, etag } = await readerPage(template, request, reply, services);
          return sendPage(reply.header('etag', etag), body);
        }
      }
      const chrome = await pageChrome(request, reply, services);
      const vm = await searchPageVM({ deps: services, chrome, viewer: request.viewer, q: request.query });
      return sendPage(reply, searchPage(vm));
    },
  );
}

export async function searchRoutes(app: FastifyInstance, opts: { services: Services; sharedPages?: SharedPages }) {
  setupSearchPageRoute({ app, services: opts.services, sharedPages: opts.sharedPages });
}
