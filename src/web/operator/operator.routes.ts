// Operator endpoints: liveness, readiness and Prometheus metrics. They are plain JSON/text for probes and
// scrapers, stay out of the OpenAPI document and the rate limits, and skip session lookups (see plugins/community.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkReadiness } from '../../operations/readiness.js';
import type { Services } from '../../services.js';

export interface OperatorRoutesOptions {
  services: Services;
  /**
   * `token`: /metrics needs `Authorization: Bearer <metrics.token>` (the public port); `open`: no token (the
   * separate loopback listener); `off`: /metrics is not served here.
   */
  metrics: 'token' | 'open' | 'off';
}

const NO_STORE = 'no-store';

export async function operatorRoutes(app: FastifyInstance, opts: OperatorRoutesOptions) {
  const { services } = opts;
  const config = { operator: true };

  // Liveness: the event loop answers. Nothing else is touched, so a slow database never gets the process killed.
  app.get('/healthz', { schema: { hide: true }, config }, async (_request, reply) => {
    reply.header('cache-control', NO_STORE);
    return { status: 'ok' };
  });

  // Once shutdown begins, Fastify itself answers 503 to new requests, so a load balancer drains this process.
  app.get('/readyz', { schema: { hide: true }, config }, async (_request, reply) => {
    reply.header('cache-control', NO_STORE);
    const readiness = await checkReadiness({
      store: services.store,
      search: services.search,
      maxIndexLag: services.config.readiness.maxIndexLag,
    });
    const failed = Object.entries(readiness.checks)
      .filter(([, check]) => !check.ok)
      .map(([name]) => name);
    return reply
      .code(readiness.ready ? 200 : 503)
      .send({ status: readiness.ready ? 'ready' : 'unavailable', failed, checks: readiness.checks });
  });

  if (opts.metrics === 'off') return;
  const expected = opts.metrics === 'token' ? digest(services.config.metrics.token) : null;
  app.get('/metrics', { schema: { hide: true }, config }, async (request, reply) => {
    reply.header('cache-control', NO_STORE);
    if (expected && !bearerMatches(request, expected)) return refuse(request, reply);
    const { contentType, body } = await services.metrics.render();
    return reply.type(contentType).send(body);
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares digests in constant time, so the token cannot be guessed byte by byte from response times. */
function bearerMatches(request: FastifyRequest, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

function refuse(request: FastifyRequest, reply: FastifyReply) {
  reply.header('www-authenticate', 'Bearer realm="metrics"');
  return reply.code(401).send({
    error: {
      code: 'metrics.unauthorized',
      message: 'A valid metrics token is required.',
      requestId: String(request.id),
    },
  });
}
