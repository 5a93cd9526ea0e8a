// /account/reset: ask for a link by e-mail address, then choose a new password through it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkLink } from '../../community/account-links.js';
import { invalidAccountInput } from '../../community/accounts.errors.js';
import { resetConfirmSchema, resetRequestSchema } from '../../community/accounts.schemas.js';
import { parseInput } from '../../community/community.schemas.js';
import { requestPasswordReset, resetPassword } from '../../community/password-reset.usecases.js';
import type { Services } from '../../services.js';
import { showRefusal } from '../form-refusal.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { clearSessionCookie } from '../plugins/session-cookie.js';
import { messagePage, resetConfirmPage, resetRequestPage } from '../views/auth-pages.js';
import { MAIL_OFF_RESET } from '../views/mail-off.js';
import { type AccountPageDeps, formChrome, showInvalidLink } from './account-http.js';
import { field, sendHtml } from './community-http.js';

async function noResetMail(request: FastifyRequest, reply: FastifyReply, services: Services) {
  const chrome = await formChrome(request, reply, services);
  return sendHtml(reply, messagePage({ chrome, title: 'Reset your password', message: MAIL_OFF_RESET }));
}

export function setupResetRequestFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.get('/account/reset', async (request, reply) =>
    services.mailMode === 'none'
      ? noResetMail(request, reply, services)
      : sendHtml(reply, resetRequestPage({ chrome: await formChrome(request, reply, services) })),
  );
}

export function setupResetRequestRoute(app: FastifyInstance, { services, limiters }: AccountPageDeps) {
  app.post('/account/reset', { preHandler: limiters.accountMail }, async (request, reply) => {
    if (services.mailMode === 'none') return noResetMail(request, reply, services);
    try {
      const { email } = parseInput(resetRequestSchema, { email: field(request, 'email') }, invalidAccountInput.code);
      await requestPasswordReset({ deps: services, email });
    } catch (error) {
      return showRefusal(reply, error, async (refusal) =>
        resetRequestPage({ chrome: await formChrome(request, reply, services), error: refusal.message }),
      );
    }
    const message = 'If an account uses that address, we sent it a link to choose a new password. It expires in a day.';
    const chrome = await formChrome(request, reply, services);
    return sendHtml(reply, messagePage({ chrome, title: 'Check your inbox', message }));
  });
}

export function setupResetConfirmFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.get<{ Querystring: { token?: string } }>('/account/reset/confirm', async (request, reply) => {
    const token = String(request.query.token ?? '');
    try {
      await checkLink({ deps: services, purpose: 'reset-password', token });
      return sendHtml(reply, resetConfirmPage({ chrome: await formChrome(request, reply, services), token }));
    } catch (error) {
      return showInvalidLink(request, reply, services, error);
    }
  });
}

export function setupResetConfirmRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post('/account/reset/confirm', async (request, reply) => {
    const token = field(request, 'token');
    let input: { token: string; password: string };
    try {
      input = parseInput(resetConfirmSchema, { token, password: field(request, 'password') }, invalidAccountInput.code);
    } catch (error) {
      // A password that breaks the rules is asked again on the same page; the link is checked once it is good.
      return showRefusal(reply, error, async (refusal) =>
        resetConfirmPage({ chrome: await formChrome(request, reply, services), token, error: refusal.message }),
      );
    }
    try {
      await resetPassword({ deps: services, input });
    } catch (error) {
      return showInvalidLink(request, reply, services, error);
    }
    clearSessionCookie(reply, services);
    return redirectWithFlash(reply, '/login', {
      kind: 'success',
      text: 'Your password is changed and you are signed out everywhere. Sign in with the new one.',
    });
  });
}
