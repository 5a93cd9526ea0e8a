// The community JSON API under /api/v1: session, submissions, votes, comments and collections. Authenticated by
// a personal API token (`Authorization: Bearer`, no CSRF token needed) or the session cookie (see resolveAuth in
// web/plugins/session-cookie.ts); cookie-authenticated writes carry the CSRF token from GET /api/v1/session in the
// x-csrf-token header.
import type { FastifyInstance } from 'fastify';
import { endSession, sessionKeyOf, startSession } from '../../community/sessions.usecases.js';
import { signIn } from '../../community/sign-in.usecases.js';
import type { Services } from '../../services.js';
import { csrfTokenFor } from '../plugins/csrf.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../plugins/session-cookie.js';
import {
  setupCollectionItemApiRoute,
  setupCreateCollectionApiRoute,
  setupDeleteCollectionApiRoute,
  setupGetCollectionApiRoute,
  setupUpdateCollectionApiRoute,
} from './collections.routes.js';
import {
  setupDeleteCommentApiRoute,
  setupEditCommentApiRoute,
  setupGetThreadRoute,
  setupPostCommentApiRoute,
} from './comments.routes.js';
import { refusals, sessionSchema } from './community.schema.js';
import { setupSubmitPaperRoute } from './submissions.routes.js';
import { setupSetVoteRoute } from './votes.routes.js';

const members = { requiresUser: true } as const;

export async function communityApiRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const { store, config } = services;
  // Answers depend on who asks: never stored by shared caches.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  const sessionJson = (request: Parameters<typeof csrfTokenFor>[0], reply: Parameters<typeof csrfTokenFor>[1]) => {
    const v = request.viewer;
    const user = v
      ? { username: v.username, role: v.role, emailVerified: v.emailVerified, suspended: v.suspended }
      : null;
    return { user, csrfToken: csrfTokenFor(request, reply) };
  };
  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['community'],
        summary: 'Who is signed in, and a CSRF token for writes',
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => sessionJson(request, reply),
  );
  app.post<{ Body: { identifier: string; password: string } }>(
    '/api/v1/session',
    {
      schema: {
        tags: ['community'],
        summary: 'Sign in; sets the session cookie',
        body: {
          type: 'object',
          required: ['identifier', 'password'],
          properties: { identifier: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 200 } },
        },
        response: { 200: sessionSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const user = await signIn({
        deps: services,
        throttle: limiters.loginThrottle,
        input: request.body,
        ip: request.ip,
      });
      await endSession({ store, cookieValue: sessionCookieOf(request, services) });
      const session = await startSession({ store, userId: user.id, days: config.community.sessionDays });
      setSessionCookie(reply, { services, value: session.cookieValue, expiresAt: session.expiresAt });
      const viewer = {
        username: user.username,
        role: user.role,
        emailVerified: user.emailVerifiedAt !== null,
        suspended: false,
      };
      // CSRF tokens are bound to the session, so this one is made for the session just created.
      return { user: viewer, csrfToken: reply.generateCsrf({ userInfo: sessionKeyOf(session.cookieValue) }) };
    },
  );
  app.delete(
    '/api/v1/session',
    { config: members, schema: { tags: ['community'], summary: 'Sign out', response: { 204: { type: 'null' } } } },
    async (request, reply) => {
      await endSession({ store, cookieValue: sessionCookieOf(request, services) });
      clearSessionCookie(reply, services);
      return reply.status(204).send();
    },
  );

  // ——— Content routes (one handler per route, by resource); the session routes above are the accounts' part. ———
  setupSubmitPaperRoute(app, opts);
  setupSetVoteRoute(app, opts);
  setupGetThreadRoute(app, opts);
  setupPostCommentApiRoute(app, opts);
  setupEditCommentApiRoute(app, opts);
  setupDeleteCommentApiRoute(app, opts);
  setupCreateCollectionApiRoute(app, opts);
  setupGetCollectionApiRoute(app, opts);
  setupUpdateCollectionApiRoute(app, opts);
  setupDeleteCollectionApiRoute(app, opts);
  setupCollectionItemApiRoute(app, opts);
}
