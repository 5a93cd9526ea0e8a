// /account: the page, its profile setting and "send the confirmation link again".
import type { FastifyInstance } from 'fastify';
import { accountOf, sendVerificationMail, setUpvotesPublic } from '../../community/accounts.usecases.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { MAIL_OFF_NOTHING_SENT } from '../views/mail-off.js';
import { type AccountPageDeps, renderAccountPage } from './account-http.js';
import { field, membersOnly, sendHtml } from './community-http.js';

export function setupAccountPageRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.get('/account', { config: membersOnly }, async (request, reply) =>
    sendHtml(reply, await renderAccountPage(request, reply, services)),
  );
}

export function setupAccountSettingsRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post('/account/settings', { config: membersOnly }, async (request, reply) => {
    await setUpvotesPublic({
      deps: services,
      viewer: request.viewer,
      upvotesPublic: field(request, 'upvotesPublic') === 'on',
    });
    return redirectWithFlash(reply, '/account', { kind: 'success', text: 'Your settings are saved.' });
  });
}

export function setupResendVerificationRoute(app: FastifyInstance, { services, limiters }: AccountPageDeps) {
  app.post(
    '/account/verify/resend',
    { config: membersOnly, preHandler: limiters.accountMail },
    async (request, reply) => {
      const user = await accountOf({ deps: services, viewer: request.viewer });
      if (user.emailVerifiedAt)
        return redirectWithFlash(reply, '/account', { kind: 'info', text: 'Your e-mail address is already verified.' });
      if (services.mailMode === 'none')
        return redirectWithFlash(reply, '/account', { kind: 'info', text: MAIL_OFF_NOTHING_SENT });
      await sendVerificationMail({ deps: services, user });
      const text = `We sent a new confirmation link to ${user.pendingEmail ?? user.email}.`;
      return redirectWithFlash(reply, '/account', { kind: 'info', text });
    },
  );
}
