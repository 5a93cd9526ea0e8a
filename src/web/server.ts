import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import type { Services } from '../services.js';
import { errorSchema, listingSchema, paperSchema } from './api/paper.schema.js';
import { papersApiRoutes } from './api/papers.routes.js';
import { hfRoutes, hfSchemas } from './api/hf/index.js';
import { installErrorHandling } from './errors.js';
import { feedRoutes } from './feeds/feeds.routes.js';
import { pageRoutes, trendingRoutes } from './pages/pages.routes.js';
import { paperMarkdownRoutes } from './pages/paper-markdown.routes.js';
import { installHttpHygiene, requestIdFrom } from './plugins/http-hygiene.js';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const KATEX_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');

export interface BuildServerOptions {
  services: Services;
  logger?: Logger | false;
}

export async function buildServer({ services, logger }: BuildServerOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: (logger || pino({ level: 'silent' })) as FastifyBaseLogger,
    genReqId: requestIdFrom,
    trustProxy: config.server.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });

  await app.register(helmet, {
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
  // Before any route: compression hooks itself into each route as it is registered.
  await installHttpHygiene(app, { publicMaxAgeSeconds: config.http.publicMaxAgeSeconds });
  await app.register(formbody);
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

  for (const schema of [paperSchema, listingSchema, errorSchema, ...hfSchemas]) app.addSchema(schema);
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
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installErrorHandling(app, { logger: services.logger });
  await app.register(papersApiRoutes, { store: services.store });
  const origin = config.server.publicUrl.replace(/\/+$/, '');
  await app.register(hfRoutes, { store: services.store, origin });
  await app.register(paperMarkdownRoutes, { store: services.store, origin });
  await app.register(feedRoutes, {
    store: services.store,
    origin,
    maxItems: config.feeds.maxItems,
    trendingWindowDays: config.trending.windowDays,
  });
  await app.register(pageRoutes, { services });
  await app.register(trendingRoutes, { services });
  return app;
}
