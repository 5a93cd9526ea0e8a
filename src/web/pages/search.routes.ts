// GET /search: the search page. The query string is validated by the shared schema (web/search-query.ts); the view
// model (search.vm.ts) runs the search; this route renders it.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { SEARCH_QUERY_INVALID, type SearchQueryString, searchQuerySchema } from '../search-query.js';
import { validated } from '../validation.js';
import { searchPage } from '../views/search-page.js';
import { searchPageVM } from './search.vm.js';

function setupSearchPageRoute({ app, services }: { app: FastifyInstance; services: Services }) {
  app.get<{ Querystring: SearchQueryString }>(
    '/search',
    validated({ querystring: searchQuerySchema }, { code: SEARCH_QUERY_INVALID, extra: { hide: true } }),
    async (request, reply) => {
      const chrome = await pageChrome(request, reply, services);
      const vm = await searchPageVM({ deps: services, chrome, viewer: request.viewer, q: request.query });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(searchPage(vm).toString());
    },
  );
}

export async function searchRoutes(app: FastifyInstance, opts: { services: Services }) {
  setupSearchPageRoute({ app, services: opts.services });
}
