// /api/v1/session: who is signed in (with a CSRF token for cookie-authenticated writes), sign-in and sign-out as
// JSON. Sign-in is the same use case as the sign-in form's (community/sign-in.usecases.ts), behind the same backoff.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidAccountInput } from '../../community/accounts.errors.js';
import { type LogInInput, logInSchema } from '../../community/accounts.schemas.js';
import { endSession } from '../../community/sessions.usecases.js';
import { signIn } from '../../community/sign-in.usecases.js';
import { type Viewer, viewerFromUser } from '../../community/viewer.models.js';
import type { Services } from '../../services.js';
import { csrfTokenFor } from '../plugins/csrf.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../plugins/session-cookie.js';
import { validated } from '../validation.js';
import { refusals, sessionSchema } from './community.schema.js';

interface AccountApiDeps {
  services: Services;
  limiters: Limiters;
}

const sessionUserToJson = (v: Viewer | null) =>
  v ? { username: v.username, role: v.role, emailVerified: v.emailVerified, suspended: v.suspended } : null;

function setupGetSessionRoute(app: FastifyInstance) {
  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['community'],
        summary: 'Who is signed in, and a CSRF token for writes',
        response: { 200: sessionSchema },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => ({
      user: sessionUserToJson(request.viewer),
      csrfToken: csrfTokenFor(request, reply),
    }),
  );
}

function setupSignInRoute(app: FastifyInstance, { services, limiters }: AccountApiDeps) {
  app.post<{ Body: LogInInput }>(
    '/api/v1/session',
    validated(
      { body: logInSchema },
      {
        code: invalidAccountInput.code,
        extra: {
          tags: ['community'],
          summary: 'Sign in; sets the session cookie',
          response: { 200: sessionSchema, ...refusals },
        },
      },
    ),
    async (request, reply) => {
      const { user, session } = await signIn({
        deps: services,
        throttle: limiters.loginThrottle,
        input: request.body,
        ip: request.ip,
        previousSession: sessionCookieOf(request, services),
      });
      setSessionCookie(reply, { services, value: session.cookieValue, expiresAt: session.expiresAt });
      // CSRF tokens are bound to the session, so this one is made for the session just created.
      return {
        user: sessionUserToJson(viewerFromUser(user)),
        csrfToken: reply.generateCsrf({ userInfo: session.sessionKey }),
      };
    },
  );
}

function setupSignOutRoute(app: FastifyInstance, { services }: AccountApiDeps) {
  app.delete(
    '/api/v1/session',
    {
      config: { requiresUser: true },
      schema: { tags: ['community'], summary: 'Sign out', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      await endSession({ store: services.store, cookieValue: sessionCookieOf(request, services) });
      clearSessionCookie(reply, services);
      return reply.status(204).send();
    },
  );
}

export async function accountApiRoutes(app: FastifyInstance, deps: AccountApiDeps) {
  // Answers depend on who asks: never stored by shared caches.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });
  setupGetSessionRoute(app);
  setupSignInRoute(app, deps);
  setupSignOutRoute(app, deps);
}
