// Every refusal of accounts, sign-in, sessions and API tokens, each code declared once with its status and the
// message people see (a raise may name more, e.g. the username that is taken). Codes are stable: clients match
// on them. No message tells whether an address or a username has an account, except "taken" at sign-up.
import { createErrorFactory } from '../core/errors.js';
import { describeWait, RateLimitedError, type RetryLaterError } from './community.errors.js';

export const authRequired = createErrorFactory({ code: 'auth.required', status: 401, message: 'Sign in to do that.' });

/** One message for an unknown account and a wrong password, so nobody can probe for accounts. */
export const invalidCredentials = createErrorFactory({
  code: 'auth.invalid_credentials',
  status: 401,
  message: 'That username or e-mail and password do not match an account.',
});

export const invalidLink = createErrorFactory({
  code: 'auth.invalid_link',
  status: 400,
  message: 'This link is invalid, has already been used or has expired. Ask for a new one.',
});

export const invalidToken = createErrorFactory({
  code: 'auth.invalid_token',
  status: 401,
  message: 'This API token is not valid. Check that it was copied whole, or create a new one.',
});

export const tokenRevoked = createErrorFactory({
  code: 'auth.token_revoked',
  status: 401,
  message: 'This API token was revoked by its owner. Create a new one on your settings page.',
});

export const insufficientScope = createErrorFactory({
  code: 'auth.insufficient_scope',
  status: 403,
  message:
    'This API token can only read. Create a token with the "write" scope to submit, vote, comment or change collections.',
});

/** The message of a form or body that breaks its schema is the schema's own (community.schemas.ts). */
export const invalidAccountInput = createErrorFactory({
  code: 'account.invalid_input',
  status: 400,
  message: 'Check what you entered and try again.',
});

export const signupClosed = createErrorFactory({
  code: 'account.signup_closed',
  status: 403,
  message: 'Sign-up is closed on this site.',
});

export const usernameTaken = createErrorFactory({
  code: 'account.username_taken',
  status: 409,
  message: 'That username is taken; choose another.',
});

/** Its owner confirmed the address for another account between the mail and the click. */
export const emailTaken = createErrorFactory({
  code: 'account.email_taken',
  status: 409,
  message: 'That address now belongs to another account: this link is void.',
});

/** `dailypapers user create` only: the operator may learn which accounts exist. */
export const accountExists = createErrorFactory({
  code: 'account.exists',
  status: 409,
  message: 'An account with this username or e-mail address already exists.',
});

export const accountSuspended = createErrorFactory({
  code: 'account.suspended',
  status: 403,
  message: 'This account is suspended.',
});

export const accountUnverified = createErrorFactory({
  code: 'account.unverified',
  status: 403,
  message:
    'Please verify your e-mail address first: follow the link we sent you, or ask for a new one on your account page.',
});

export const invalidTokenInput = createErrorFactory({
  code: 'tokens.invalid_input',
  status: 400,
  message: 'Give the token a name and a scope ("read" or "write").',
});

export const tooManyTokens = createErrorFactory({
  code: 'tokens.limit',
  status: 409,
  message: 'You have the most active tokens allowed; revoke one you no longer use first.',
});

export const tokenNotFound = createErrorFactory({
  code: 'tokens.not_found',
  status: 404,
  message: 'You have no active API token with that id.',
});

/** A token that could mint tokens would outlive its own revocation. */
export const sessionRequiredForTokens = createErrorFactory({
  code: 'tokens.session_required',
  status: 403,
  message: 'API tokens are created when signed in, not with another token.',
});

/**
 * Sign-in backoff (login-throttle.usecases.ts): the same answer whether or not the account exists. It shares the
 * code of every other rate limit (`rate_limited`, declared with RateLimitedError), so clients handle one code.
 */
export function signInThrottled(retryAfterSeconds: number): RetryLaterError {
  return new RateLimitedError(
    retryAfterSeconds,
    `Too many failed sign-ins for this account or from this address. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
  );
}
