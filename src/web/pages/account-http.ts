// What the account pages share: their dependencies, the chrome of a page with a form, where to go after signing
// in, starting a browser session, the account page itself and the "this link does not work" page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../community/accounts.usecases.js';
import { listApiTokens } from '../../community/api-tokens.usecases.js';
import type { StartedSession } from '../../community/sessions.usecases.js';
import { requireViewer } from '../../community/viewer.models.js';
import type { Services } from '../../services.js';
import { showRefusal } from '../form-refusal.js';
import { pageChrome } from '../plugins/chrome.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { localRedirectTarget } from '../plugins/redirect-target.js';
import { setSessionCookie } from '../plugins/session-cookie.js';
import { accountPage } from '../views/account-page.js';
import type { ApiTokensVM } from '../views/api-tokens-section.js';
import { messagePage } from '../views/auth-pages.js';
import type { ChromeVM } from '../views/view-models.js';

export interface AccountPageDeps {
  services: Services;
  limiters: Limiters;
}

/** Every account page has a form, so even signed-out visitors get a CSRF token. */
export function formChrome(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<ChromeVM> {
  return pageChrome(request, reply, services, { withCsrf: true });
}

/** Where to go after signing in: a same-site path, never back to the sign-in page. */
export function nextOf(value: unknown): string {
  const target = localRedirectTarget(value);
  return target && !target.startsWith('/login') ? target : '/';
}

export function setBrowserSession(reply: FastifyReply, services: Services, session: StartedSession): void {
  setSessionCookie(reply, { services, value: session.cookieValue, expiresAt: session.expiresAt });
}

/** /account, with the API-tokens section as given (a token just created, or the creation form's refusal). */
export async function renderAccountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  tokens: Partial<ApiTokensVM> = {},
) {
  const viewer = requireViewer(request.viewer);
  const user = await accountOf({ deps: services, viewer });
  const apiTokens: ApiTokensVM = {
    tokens: await listApiTokens({ store: services.store, viewer }),
    created: null,
    form: { name: '', scope: 'read', error: null },
    ...tokens,
  };
  const { requireVerifiedEmail } = services.config.community;
  return accountPage({ chrome: await formChrome(request, reply, services), user, requireVerifiedEmail, apiTokens });
}

/** A verification or reset link that was refused: why, and where to go instead. */
export async function showInvalidLink(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  error: unknown,
) {
  return showRefusal(reply, error, async (refusal) =>
    messagePage({
      chrome: await formChrome(request, reply, services),
      title: 'This link does not work',
      message: refusal.message,
      status: 'error',
      links: [
        { href: '/account', text: 'Your account' },
        { href: '/account/reset', text: 'Reset your password' },
      ],
    }),
  );
}
