// Installs accounts, sessions, CSRF protection and rate limiting on the root instance. Call it once, before any
// route is registered, so that every route (also those of other features) sees `request.viewer` and every
// state-changing request is checked for a CSRF token.

import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { loginThrottleFor } from '../../community/login-throttle.usecases.js';
import { sharedRateLimitStore } from '../../community/shared-rate-limits.js';
import type { Services } from '../../services.js';
import { csrfUserInfo, needsCsrfCheck, verifyCsrf } from './csrf.js';
import { createLimiters, type Limiters } from './rate-limits.js';
import './request-context.js';
import { cookieName, isHttps, resolveAuth } from './session-cookie.js';

export async function installCommunity(
  app: FastifyInstance,
  opts: { services: Services },
): Promise<{ limiters: Limiters }> {
  const { services } = opts;
  await app.register(cookie, { secret: services.secret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: cookieName(services, 'dp_csrf'),
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(services), signed: true },
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: services.secret, userInfo: true },
  });
  // Limits are applied per route by the limiters below, never globally: reading is never rate-limited here.
  // On PostgreSQL (several app processes) the counters are shared through the database.
  const shared = sharedRateLimitStore(services.store, {
    onPruneError: (error) => services.logger.warn({ err: error }, 'pruning old rate-limit counters failed'),
  });
  await app.register(rateLimit, { global: false, ...(shared ? { store: shared } : {}) });

  app.decorateRequest('viewer', null);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    // Static files and operator probes need no session lookup (a metrics token is no API token).
    if (request.url.startsWith('/static/') || request.routeOptions.config?.operator) return;
    request.auth = await resolveAuth(request, reply, services);
    request.viewer = request.auth?.viewer ?? null;
  });
  const loginThrottle = loginThrottleFor({ store: services.store, rateLimit: services.config.rateLimit });
  const limiters = createLimiters(app, services.config, loginThrottle);
  // After the viewer is known: token requests are counted per token.
  app.addHook('onRequest', limiters.api);
  // Before schema validation and every handler-level hook: a forged request learns nothing about its body's
  // shape and costs no work (once the body is parsed, since forms carry the token as `_csrf`).
  app.addHook('preValidation', async (request, reply) => {
    if (needsCsrfCheck(request)) await verifyCsrf(app, request, reply);
  });
  return { limiters };
}
