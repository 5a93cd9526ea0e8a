// GET and POST /signup.
import type { FastifyInstance } from 'fastify';
import { invalidAccountInput } from '../../community/accounts.errors.js';
import { signUpSchema } from '../../community/accounts.schemas.js';
import { signUp } from '../../community/accounts.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { replaceSession } from '../../community/sessions.usecases.js';
import { showRefusal } from '../form-refusal.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { sessionCookieOf } from '../plugins/session-cookie.js';
import { messagePage, signUpPage } from '../views/auth-pages.js';
import { MAIL_OFF_SIGNUP } from '../views/mail-off.js';
import { type AccountPageDeps, formChrome, setBrowserSession } from './account-http.js';
import { field, sendHtml } from './community-http.js';

export function setupSignUpFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.get('/signup', async (request, reply) =>
    sendHtml(reply, signUpPage({ chrome: await formChrome(request, reply, services) })),
  );
}

export function setupSignUpRoute(app: FastifyInstance, { services, limiters }: AccountPageDeps) {
  app.post('/signup', { preHandler: limiters.accountMail }, async (request, reply) => {
    const typed = { username: field(request, 'username'), email: field(request, 'email') };
    try {
      const input = parseInput(
        signUpSchema,
        { ...typed, password: field(request, 'password') },
        invalidAccountInput.code,
      );
      const { user } = await signUp({ deps: services, input });
      if (services.mailMode === 'none') {
        // Nobody could confirm an address here: the account works at once (see buildServices), signed in.
        const session = await replaceSession({
          store: services.store,
          previousCookieValue: sessionCookieOf(request, services),
          userId: user.id,
          days: services.config.community.sessionDays,
        });
        setBrowserSession(reply, services, session);
        return redirectWithFlash(reply, '/', {
          kind: 'success',
          text: `${MAIL_OFF_SIGNUP} Welcome, ${user.username}!`,
        });
      }
      const message = `We sent a confirmation link to ${user.pendingEmail}. Open it to activate your account, then sign in.`;
      return sendHtml(
        reply,
        messagePage({
          chrome: await formChrome(request, reply, services),
          title: 'Check your inbox',
          message,
          links: [{ href: '/login', text: 'Sign in' }],
        }),
      );
    } catch (error) {
      return showRefusal(reply, error, async (refusal) =>
        signUpPage({ chrome: await formChrome(request, reply, services), ...typed, error: refusal.message }),
      );
    }
  });
}
