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
import { notificationsApiRoutes } from './api/notifications.routes.js';
import { errorSchema, listingSchema, paperSchema } from './api/paper.schema.js';
import { paperLinksApiRoutes } from './api/paper-links.routes.js';
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
import { followingWebRoutes } from './pages/following-web.js';
import { notificationRoutes } from './pages/notifications.routes.js';
import { organizationRoutes } from './pages/organization.routes.js';
import { pageRoutes, trendingRoutes } from './pages/pages.routes.js';
import { paperLinksRoutes } from './pages/paper-links.routes.js';
import { paperMarkdownRoutes } from './pages/paper-markdown.routes.js';
import { searchRoutes } from './pages/search.routes.js';
import { createSharedPages, type SharedPages } from './pages/shared-pages.js';
import { versionRoutes } from './pages/version-diff.routes.js';
import { installCommunity } from './plugins/community.js';
import { docsCsp } from './plugins/docs-csp.js';
import { installHtmlEtag } from './plugins/html-etag.js';
import { installHttpHygiene, installPublicCors, requestIdFrom } from './plugins/http-hygiene.js';
import { installPageCache } from './plugins/page-cache.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { serverTimeouts } from './server-timeouts.js';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const KATEX_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
// Templates of shared pages (a daily page is ~50 KB, a search page ~40 KB): a day's few daily URLs and the recent
// search queries of a busy site, least recently used first out.
const SHARED_PAGES_MIB = 8;

export interface BuildServerOptions {
  services: Services;
  logger?: Logger | false;
  /**
   * Anonymous pages from the page cache and shared templates of signed-in daily and search pages (the default);
   * false renders every request from scratch (the tests' oracle).
   */
  pageCache?: boolean;
  /** The shared templates to use (tests look into them); by default a new set. */
  sharedPages?: SharedPages;
}

export async function buildServer({
  services,
  logger,
  pageCache = true,
  sharedPages: givenSharedPages,
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
  if (pageCache)
    installPageCache(app, { pageVersion: services.pageVersion, maxBytes: config.http.pageCacheMb * 1024 * 1024 });
  // Signed-in daily pages and search pages: rendered once per version, each reader's parts per request.
  const sharedPages = pageCache
    ? (givenSharedPages ?? createSharedPages({ maxBytes: SHARED_PAGES_MIB * 1024 * 1024 }))
    : undefined;
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
  installErrorHandling(app, { logger: services.logger });
  await app.register(operatorRoutes, { services, metrics: config.metrics.token ? 'token' : 'off' });
  // The public resources (JSON API, feeds, Markdown and thumbnails of papers) in one context, the only one with CORS.
  await app.register(async (pub) => {
    await installPublicCors(pub);
    pub.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await pub.register(papersApiRoutes, { services });
    await pub.register(searchApiRoutes, { services });
    const origin = config.server.publicUrl.replace(/\/+$/, '');
    await pub.register(hfRoutes, { services, origin });
    await pub.register(paperMarkdownRoutes, { services, origin });
    await pub.register(feedRoutes, {
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
    await pub.register(accountApiRoutes, { services, limiters });
    await pub.register(communityApiRoutes, { services, limiters });
    await pub.register(citationImportApiRoutes, { services });
    await pub.register(tokenApiRoutes, { services });
    await pub.register(notificationsApiRoutes, { services });
    await pub.register(hfWriteRoutes, { services, limiters });
    await pub.register(paperLinksApiRoutes, { services });
  });
  await app.register(accountRoutes, { services, limiters });
  await app.register(communityRoutes, { services, limiters });
  await app.register(collectionRoutes, { services });
  await app.register(citationRoutes, { services });
  await app.register(versionRoutes, { services });
  await app.register(profileRoutes, { services });
  await app.register(digestRoutes, { services, limiters });
  await app.register(digestSettingsRoutes, { services });
  await app.register(notificationRoutes, { services });
  await app.register(pageRoutes, { services, sharedPages });
  await app.register(trendingRoutes, { services });
  await app.register(authorRoutes, { services });
  await app.register(organizationRoutes, { services });
  await app.register(paperLinksRoutes, { services });
  await app.register(searchRoutes, { services, sharedPages });
  await app.register(followingWebRoutes, { services, origin: config.server.publicUrl.replace(/\/+$/, '') });
  return app;
}
