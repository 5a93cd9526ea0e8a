// The account pages (HTML forms that work without JavaScript): one handler per route, grouped by resource in the
// files imported below. Sign-in is the same use case as POST /api/v1/session (web/api/accounts.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { AccountPageDeps } from './account-http.js';
import {
  setupAccountPageRoute,
  setupAccountSettingsRoute,
  setupResendVerificationRoute,
} from './account-settings.routes.js';
import { setupCreateTokenFormRoute, setupRevokeTokenFormRoute } from './account-tokens.routes.js';
import { handleCommunityErrors } from './community-http.js';
import { setupVerifyEmailFormRoute, setupVerifyEmailRoute } from './email-verification.routes.js';
import {
  setupResetConfirmFormRoute,
  setupResetConfirmRoute,
  setupResetRequestFormRoute,
  setupResetRequestRoute,
} from './password-reset.routes.js';
import {
  setupSignInFormRoute,
  setupSignInRoute,
  setupSignOutEverywhereRoute,
  setupSignOutRoute,
} from './sign-in.routes.js';
import { setupSignUpFormRoute, setupSignUpRoute } from './sign-up.routes.js';

export async function accountRoutes(app: FastifyInstance, deps: AccountPageDeps) {
  handleCommunityErrors(app);
  for (const setup of [
    setupSignUpFormRoute,
    setupSignUpRoute,
    setupSignInFormRoute,
    setupSignInRoute,
    setupSignOutRoute,
    setupSignOutEverywhereRoute,
    setupAccountPageRoute,
    setupAccountSettingsRoute,
    setupResendVerificationRoute,
    setupCreateTokenFormRoute,
    setupRevokeTokenFormRoute,
    setupVerifyEmailFormRoute,
    setupVerifyEmailRoute,
    setupResetRequestFormRoute,
    setupResetRequestRoute,
    setupResetConfirmFormRoute,
    setupResetConfirmRoute,
  ])
    setup(app, deps);
}
