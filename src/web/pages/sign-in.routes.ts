// GET and POST /login, and signing out (here, or everywhere).
import type { FastifyInstance } from 'fastify';
import { invalidAccountInput } from '../../community/accounts.errors.js';
import { logInSchema } from '../../community/accounts.schemas.js';
import { parseInput } from '../../community/community.schemas.js';
import { endAllSessions, endSession } from '../../community/sessions.usecases.js';
import { signIn } from '../../community/sign-in.usecases.js';
import { requireViewer } from '../../community/viewer.models.js';
import { showRefusal } from '../form-refusal.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { clearSessionCookie, sessionCookieOf } from '../plugins/session-cookie.js';
import { logInPage } from '../views/auth-pages.js';
import { type AccountPageDeps, formChrome, nextOf, setBrowserSession } from './account-http.js';
import { field, membersOnly, sendHtml } from './community-http.js';

export function setupSignInFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    if (request.viewer) return reply.redirect(nextOf(request.query.next), 303);
    const page = logInPage({ chrome: await formChrome(request, reply, services), next: nextOf(request.query.next) });
    return sendHtml(reply, page);
  });
}

export function setupSignInRoute(app: FastifyInstance, { services, limiters }: AccountPageDeps) {
  app.post('/login', async (request, reply) => {
    const identifier = field(request, 'identifier');
    const next = nextOf(field(request, 'next'));
    try {
      const input = parseInput(
        logInSchema,
        { identifier, password: field(request, 'password') },
        invalidAccountInput.code,
      );
      const { session } = await signIn({
        deps: services,
        throttle: limiters.loginThrottle,
        input,
        ip: request.ip,
        previousSession: sessionCookieOf(request, services),
      });
      setBrowserSession(reply, services, session);
      return reply.redirect(next, 303);
    } catch (error) {
      return showRefusal(reply, error, async (refusal) =>
        logInPage({ chrome: await formChrome(request, reply, services), identifier, next, error: refusal.message }),
      );
    }
  });
}

export function setupSignOutRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post('/logout', { config: membersOnly }, async (request, reply) => {
    await endSession({ store: services.store, cookieValue: sessionCookieOf(request, services) });
    clearSessionCookie(reply, services);
    return redirectWithFlash(reply, '/', { kind: 'info', text: 'You are signed out.' });
  });
}

export function setupSignOutEverywhereRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post('/logout/everywhere', { config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const ended = await endAllSessions({ store: services.store, userId: viewer.id });
    clearSessionCookie(reply, services);
    return redirectWithFlash(reply, '/login', {
      kind: 'info',
      text: `Signed out everywhere (${ended} session${ended === 1 ? '' : 's'}).`,
    });
  });
}
