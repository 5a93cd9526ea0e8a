// /account/verify: a mailed confirmation link opens a page whose button (a POST) confirms the address, so mail
// scanners that open links verify nothing.
import type { FastifyInstance } from 'fastify';
import { checkLink } from '../../community/account-links.js';
import { verifyEmail } from '../../community/accounts.usecases.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { verifyEmailPage } from '../views/auth-pages.js';
import { type AccountPageDeps, formChrome, showInvalidLink } from './account-http.js';
import { field, sendHtml } from './community-http.js';

export function setupVerifyEmailFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.get<{ Querystring: { token?: string } }>('/account/verify', async (request, reply) => {
    const token = String(request.query.token ?? '');
    try {
      const user = await checkLink({ deps: services, purpose: 'verify-email', token });
      const chrome = await formChrome(request, reply, services);
      return sendHtml(reply, verifyEmailPage({ chrome, token, username: user.username }));
    } catch (error) {
      return showInvalidLink(request, reply, services, error);
    }
  });
}

export function setupVerifyEmailRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post('/account/verify', async (request, reply) => {
    try {
      const user = await verifyEmail({ deps: services, token: field(request, 'token') });
      if (request.viewer?.id === user.id)
        return redirectWithFlash(reply, '/', { kind: 'success', text: 'Your e-mail address is verified. Welcome!' });
      return redirectWithFlash(reply, '/login', {
        kind: 'success',
        text: 'Your e-mail address is verified. Sign in to continue.',
      });
    } catch (error) {
      return showInvalidLink(request, reply, services, error);
    }
  });
}
