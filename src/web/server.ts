import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import type { Services } from '../services.js';
import { accountApiRoutes } from './api/accounts.routes.js';
import { citationImportApiRoutes } from './api/citation-import.routes.js';
import { communityApiRoutes } from './api/community.routes.js';
import { collectionSchema, commentSchema } from './api/community.schema.js';
import { hfRoutes, hfSchemas, hfWriteRoutes } from './api/hf/index.js';
import { errorSchema, listingSchema, paperSchema } from './api/paper.schema.js';
import { papersApiRoutes } from './api/papers.routes.js';
import { searchApiRoutes } from './api/search.routes.js';
import { tokenApiRoutes } from './api/tokens.routes.js';
import { installErrorHandling } from './errors.js';
import { searchCategoryPapers } from './feeds/category-papers.js';
import { feedRoutes } from './feeds/feeds.routes.js';
import { searchFeedPapers } from './feeds/search-papers.js';
import { installDrainOnClose } from './operator/drain-on-close.js';
import { operatorRoutes } from './operator/operator.routes.js';
import { installRequestMetrics } from './operator/request-metrics.js';
import { accountRoutes } from './pages/account.routes.js';
import { authorRoutes } from './pages/authors.routes.js';
import { citationRoutes } from './pages/citations.routes.js';
import { communityRoutes } from './pages/community.routes.js';
import { collectionRoutes } from './pages/community-collections.routes.js';
import { profileRoutes } from './pages/community-profiles.routes.js';
import { digestRoutes } from './pages/digest.routes.js';
import { digestSettingsRoutes } from './pages/digest-settings.routes.js';
import { pageRoutes, trendingRoutes } from './pages/pages.routes.js';
import { paperMarkdownRoutes } from './pages/paper-markdown.routes.js';
import { searchRoutes } from './pages/search.routes.js';
import { installCommunity } from './plugins/community.js';
import { docsCsp } from './plugins/docs-csp.js';
import { installHtmlEtag } from './plugins/html-etag.js';
import { installHttpHygiene, requestIdFrom } from './plugins/http-hygiene.js';
import { installPageCache } from './plugins/page-cache.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { serverTimeouts } from './server-timeouts.js';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const KATEX_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');

export interface BuildServerOptions {
  services: Services;
  logger?: Logger | false;
  /** Anonymous pages from the page cache (the default); false renders every request (tests' oracle). */
  pageCache?: boolean;
}

export async function buildServer({
  services,
  logger,
  pageCache = true,
}: BuildServerOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: (logger || pino({ level: 'silent' })) as FastifyBaseLogger,
    genReqId: requestIdFrom,
    trustProxy: config.server.trustProxy,
    bodyLimit: 1024 * 1024,
    ...serverTimeouts(config.server),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // KaTeX positions glyphs with inline style attributes; our own markup uses none, and no <style> is allowed.
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // The site is often run on plain http://localhost; HSTS belongs to the TLS-terminating proxy.
    hsts: false,
  });
  installRequestMetrics(app, services.metrics);
  installDrainOnClose(app);
  // Before any route: compression hooks itself into each route as it is registered.
  await installHttpHygiene(app, { publicMaxAgeSeconds: config.http.publicMaxAgeSeconds });
  await app.register(formbody);
  // Sessions, CSRF checks and rate limiters, before any route: every route sees request.viewer.
  const { limiters } = await installCommunity(app, { services });
  installHtmlEtag(app);
  if (pageCache) {
    const sources = { storeVersion: services.store.changes.current, indexVersion: () => services.search.lastSeq() };
    installPageCache(app, { sources });
  }
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: '1d',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: KATEX_DIR,
    prefix: '/static/katex/',
    maxAge: '30d',
    immutable: true,
    decorateReply: false,
  });

  for (const schema of [paperSchema, listingSchema, errorSchema, collectionSchema, commentSchema, ...hfSchemas])
    app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'dailypapers API',
        version: '1',
        description: 'Daily lists of arXiv papers curated by a community. Errors are {"error":{"code","message"}}.',
      },
      servers: [{ url: config.server.publicUrl }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    // The document describes the API; HTML pages and form posts are for browsers and stay out of it.
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') ? schema : { ...schema, hide: true }, url }),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (policy) => docsCsp(policy, config.server.publicUrl),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installErrorHandling(app, { logger: services.logger });
  await app.register(operatorRoutes, { services, metrics: config.metrics.token ? 'token' : 'off' });
  await app.register(papersApiRoutes, { services });
  await app.register(searchApiRoutes, { services });
  const origin = config.server.publicUrl.replace(/\/+$/, '');
  await app.register(hfRoutes, { services, origin });
  await app.register(paperMarkdownRoutes, { services, origin });
  await app.register(feedRoutes, {
    store: services.store,
    origin,
    maxItems: config.feeds.maxItems,
    trendingWindowDays: config.trending.windowDays,
    papersInCategory: searchCategoryPapers({ store: services.store, search: services.search }),
    searchForFeed: searchFeedPapers({
      store: services.store,
      search: services.search,
      embeddings: services.embeddings,
      defaultMode: config.search.defaultMode,
    }),
  });
  await app.register(accountApiRoutes, { services, limiters });
  await app.register(communityApiRoutes, { services, limiters });
  await app.register(citationImportApiRoutes, { services });
  await app.register(tokenApiRoutes, { services });
  await app.register(hfWriteRoutes, { services, limiters });
  await app.register(accountRoutes, { services, limiters });
  await app.register(communityRoutes, { services, limiters });
  await app.register(collectionRoutes, { services });
  await app.register(citationRoutes, { services });
  await app.register(profileRoutes, { services });
  await app.register(digestRoutes, { services, limiters });
  await app.register(digestSettingsRoutes, { services });
  await app.register(pageRoutes, { services });
  await app.register(trendingRoutes, { services });
  await app.register(authorRoutes, { services });
  await app.register(searchRoutes, { services });
  return app;
}
