// Sign-up, sign-in, sign-out, e-mail verification, password reset and account settings (HTML forms).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type AccountDeps,
  checkLink,
  requestPasswordReset,
  resetPassword,
  sendVerificationMail,
  signUp,
  verifyEmail,
} from '../../community/accounts.usecases.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../community/api-tokens.usecases.js';
import { setUpvotesPublic } from '../../community/profiles.usecases.js';
import { endAllSessions, endSession, startSession } from '../../community/sessions.usecases.js';
import { signIn } from '../../community/sign-in.usecases.js';
import { requireViewer } from '../../community/viewer.models.js';
import { AppError } from '../../core/errors.js';
import type { Services } from '../../services.js';
import { setRetryAfter } from '../errors.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { localRedirectTarget } from '../plugins/redirect-target.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../plugins/session-cookie.js';
import { accountPage } from '../views/account-page.js';
import type { ApiTokensVM } from '../views/api-tokens-section.js';
import {
  logInPage,
  messagePage,
  resetConfirmPage,
  resetRequestPage,
  signUpPage,
  verifyEmailPage,
} from '../views/auth-pages.js';
import { MAIL_OFF_NOTHING_SENT, MAIL_OFF_RESET, MAIL_OFF_SIGNUP } from '../views/mail-off.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';

const nextOf = (value: unknown) => {
  const target = localRedirectTarget(value);
  return target && !target.startsWith('/login') ? target : '/';
};

export async function accountRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const deps: AccountDeps = services;
  const chrome = (request: FastifyRequest, reply: Parameters<typeof pageChrome>[1]) =>
    pageChrome(request, reply, services, { withCsrf: true });
  handleCommunityErrors(app);
  // A new sign-in always gets a new session id (no fixation), and ends the one this browser had.
  const signInAs = async (request: FastifyRequest, reply: FastifyReply, userId: number) => {
    await endSession({ store: services.store, cookieValue: sessionCookieOf(request, services) });
    const days = services.config.community.sessionDays;
    const session = await startSession({ store: services.store, userId, days });
    setSessionCookie(reply, { services, value: session.cookieValue, expiresAt: session.expiresAt });
  };

  app.get('/signup', async (request, reply) => sendHtml(reply, signUpPage({ chrome: await chrome(request, reply) })));
  app.post('/signup', { preHandler: limiters.accountMail }, async (request, reply) => {
    const input = {
      username: field(request, 'username'),
      email: field(request, 'email'),
      password: field(request, 'password'),
    };
    try {
      const { user } = await signUp({ deps, input });
      if (services.mailMode === 'none') {
        // Nobody could confirm an address here: the account works at once (see buildServices), signed in.
        await signInAs(request, reply, user.id);
        return redirectWithFlash(reply, '/', {
          kind: 'success',
          text: `${MAIL_OFF_SIGNUP} Welcome, ${user.username}!`,
        });
      }
      const message = `We sent a confirmation link to ${user.pendingEmail}. Open it to activate your account, then sign in.`;
      return sendHtml(
        reply,
        messagePage({
          chrome: await chrome(request, reply),
          title: 'Check your inbox',
          message,
          links: [{ href: '/login', text: 'Sign in' }],
        }),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const page = signUpPage({
        chrome: await chrome(request, reply),
        username: input.username,
        email: input.email,
        error: error.message,
      });
      return sendHtml(reply, page, error.status);
    }
  });

  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    if (request.viewer) return reply.redirect(nextOf(request.query.next), 303);
    return sendHtml(reply, logInPage({ chrome: await chrome(request, reply), next: nextOf(request.query.next) }));
  });
  app.post('/login', async (request, reply) => {
    const input = { identifier: field(request, 'identifier'), password: field(request, 'password') };
    try {
      const user = await signIn({ deps, throttle: limiters.loginThrottle, input, ip: request.ip });
      await signInAs(request, reply, user.id);
      return reply.redirect(nextOf(field(request, 'next')), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      setRetryAfter(reply, error);
      const vm = {
        chrome: await chrome(request, reply),
        identifier: input.identifier,
        next: nextOf(field(request, 'next')),
        error: error.message,
      };
      return sendHtml(reply, logInPage(vm), error.status);
    }
  });

  app.post('/logout', { config: membersOnly }, async (request, reply) => {
    await endSession({ store: services.store, cookieValue: sessionCookieOf(request, services) });
    clearSessionCookie(reply, services);
    return redirectWithFlash(reply, '/', { kind: 'info', text: 'You are signed out.' });
  });
  app.post('/logout/everywhere', { config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const ended = await endAllSessions({ store: services.store, userId: viewer.id });
    clearSessionCookie(reply, services);
    return redirectWithFlash(reply, '/login', {
      kind: 'info',
      text: `Signed out everywhere (${ended} session${ended === 1 ? '' : 's'}).`,
    });
  });

  const renderAccount = async (
    request: FastifyRequest,
    reply: Parameters<typeof pageChrome>[1],
    tokens: Partial<ApiTokensVM> = {},
  ) => {
    const viewer = requireViewer(request.viewer);
    const user = (await services.store.users.findById(viewer.id))!;
    const apiTokens: ApiTokensVM = {
      tokens: await listApiTokens({ store: services.store, viewer }),
      created: null,
      form: { name: '', scope: 'read', error: null },
      ...tokens,
    };
    const { requireVerifiedEmail } = services.config.community;
    return accountPage({ chrome: await chrome(request, reply), user, requireVerifiedEmail, apiTokens });
  };
  app.get('/account', { config: membersOnly }, async (request, reply) =>
    sendHtml(reply, await renderAccount(request, reply)),
  );
  // The new token is shown in this answer, never stored in a cookie or cache: no redirect, and no-store.
  app.post('/account/tokens', { config: membersOnly }, async (request, reply) => {
    const form = {
      name: field(request, 'name'),
      scope: field(request, 'scope') === 'write' ? 'write' : 'read',
    } as const;
    try {
      const { token, record } = await createApiToken({
        store: services.store,
        viewer: request.viewer,
        input: form,
        maxPerUser: services.config.api.tokensPerUser,
      });
      const page = await renderAccount(request, reply, { created: { token, name: record.name, scope: record.scope } });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.toString());
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 401 || error.status >= 500) throw error;
      const page = await renderAccount(request, reply, { form: { ...form, error: error.message } });
      return sendHtml(reply, page, error.status);
    }
  });
  app.post<{ Params: { id: string } }>(
    '/account/tokens/:id/revoke',
    { config: membersOnly },
    async (request, reply) => {
      const token = await revokeApiToken({ store: services.store, viewer: request.viewer, id: request.params.id });
      return redirectWithFlash(reply, '/account#api-tokens', {
        kind: 'success',
        text: `Token “${token.name}” is revoked; programs using it are refused from now on.`,
      });
    },
  );
  app.post('/account/settings', { config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await setUpvotesPublic({ store: services.store, viewer, value: field(request, 'upvotesPublic') === 'on' });
    return redirectWithFlash(reply, '/account', { kind: 'success', text: 'Your settings are saved.' });
  });
  app.post(
    '/account/verify/resend',
    { config: membersOnly, preHandler: limiters.accountMail },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      const user = (await services.store.users.findById(viewer.id))!;
      if (user.emailVerifiedAt)
        return redirectWithFlash(reply, '/account', { kind: 'info', text: 'Your e-mail address is already verified.' });
      if (services.mailMode === 'none')
        return redirectWithFlash(reply, '/account', { kind: 'info', text: MAIL_OFF_NOTHING_SENT });
      await sendVerificationMail({ deps, user });
      const text = `We sent a new confirmation link to ${user.pendingEmail ?? user.email}.`;
      return redirectWithFlash(reply, '/account', { kind: 'info', text });
    },
  );

  const invalidLink = async (request: FastifyRequest, reply: Parameters<typeof pageChrome>[1], error: unknown) => {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const links = [
      { href: '/account', text: 'Your account' },
      { href: '/account/reset', text: 'Reset your password' },
    ];
    return sendHtml(
      reply,
      messagePage({
        chrome: await chrome(request, reply),
        title: 'This link does not work',
        message: error.message,
        status: 'error',
        links,
      }),
      error.status,
    );
  };

  app.get<{ Querystring: { token?: string } }>('/account/verify', async (request, reply) => {
    const token = String(request.query.token ?? '');
    try {
      const user = await checkLink({ deps, purpose: 'verify-email', token });
      return sendHtml(reply, verifyEmailPage({ chrome: await chrome(request, reply), token, username: user.username }));
    } catch (error) {
      return invalidLink(request, reply, error);
    }
  });
  app.post('/account/verify', async (request, reply) => {
    try {
      const user = await verifyEmail({ deps, token: field(request, 'token') });
      if (request.viewer?.id === user.id)
        return redirectWithFlash(reply, '/', { kind: 'success', text: 'Your e-mail address is verified. Welcome!' });
      return redirectWithFlash(reply, '/login', {
        kind: 'success',
        text: 'Your e-mail address is verified. Sign in to continue.',
      });
    } catch (error) {
      return invalidLink(request, reply, error);
    }
  });

  const noResetMail = async (request: FastifyRequest, reply: FastifyReply) =>
    sendHtml(
      reply,
      messagePage({ chrome: await chrome(request, reply), title: 'Reset your password', message: MAIL_OFF_RESET }),
    );
  app.get('/account/reset', async (request, reply) =>
    services.mailMode === 'none'
      ? noResetMail(request, reply)
      : sendHtml(reply, resetRequestPage({ chrome: await chrome(request, reply) })),
  );
  app.post('/account/reset', { preHandler: limiters.accountMail }, async (request, reply) => {
    if (services.mailMode === 'none') return noResetMail(request, reply);
    try {
      await requestPasswordReset({ deps, email: field(request, 'email') });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return sendHtml(
        reply,
        resetRequestPage({ chrome: await chrome(request, reply), error: error.message }),
        error.status,
      );
    }
    const message = 'If an account uses that address, we sent it a link to choose a new password. It expires in a day.';
    return sendHtml(reply, messagePage({ chrome: await chrome(request, reply), title: 'Check your inbox', message }));
  });
  app.get<{ Querystring: { token?: string } }>('/account/reset/confirm', async (request, reply) => {
    const token = String(request.query.token ?? '');
    try {
      await checkLink({ deps, purpose: 'reset-password', token });
      return sendHtml(reply, resetConfirmPage({ chrome: await chrome(request, reply), token }));
    } catch (error) {
      return invalidLink(request, reply, error);
    }
  });
  app.post('/account/reset/confirm', async (request, reply) => {
    const token = field(request, 'token');
    try {
      await resetPassword({ deps, token, password: field(request, 'password') });
    } catch (error) {
      if (error instanceof AppError && error.code === 'account.invalid_input') {
        return sendHtml(
          reply,
          resetConfirmPage({ chrome: await chrome(request, reply), token, error: error.message }),
          400,
        );
      }
      return invalidLink(request, reply, error);
    }
    clearSessionCookie(reply, services);
    return redirectWithFlash(reply, '/login', {
      kind: 'success',
      text: 'Your password is changed and you are signed out everywhere. Sign in with the new one.',
    });
  });
}
