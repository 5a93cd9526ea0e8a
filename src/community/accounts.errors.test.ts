import { describe, expect, it } from 'vitest';
import * as errors from './accounts.errors.js';

// What clients saw before the codes moved into accounts.errors.ts, written out by hand: a code, status or default
// message that changes here breaks programs that match on them.
const EXPECTED: Array<[string, number, string]> = [
  ['auth.required', 401, 'Sign in to do that.'],
  ['auth.invalid_credentials', 401, 'That username or e-mail and password do not match an account.'],
  ['auth.invalid_link', 400, 'This link is invalid, has already been used or has expired. Ask for a new one.'],
  ['auth.invalid_token', 401, 'This API token is not valid. Check that it was copied whole, or create a new one.'],
  ['auth.token_revoked', 401, 'This API token was revoked by its owner. Create a new one on your settings page.'],
  [
    'auth.insufficient_scope',
    403,
    'This API token can only read. Create a token with the "write" scope to submit, vote, comment or change collections.',
  ],
  ['account.signup_closed', 403, 'Sign-up is closed on this site.'],
  ['account.email_taken', 409, 'That address now belongs to another account: this link is void.'],
  ['account.exists', 409, 'An account with this username or e-mail address already exists.'],
  [
    'account.unverified',
    403,
    'Please verify your e-mail address first: follow the link we sent you, or ask for a new one on your account page.',
  ],
  ['tokens.not_found', 404, 'You have no active API token with that id.'],
  ['tokens.session_required', 403, 'API tokens are created when signed in, not with another token.'],
];

describe('the errors of accounts, sign-in and API tokens', () => {
  const factories = Object.values(errors).filter((e) => typeof e === 'function' && 'code' in e) as Array<
    (typeof errors)['authRequired']
  >;

  it('keep the codes, statuses and messages clients already match on', () => {
    for (const [code, status, message] of EXPECTED) {
      const factory = factories.find((f) => f.code === code);
      expect(factory, code).toBeDefined();
      const error = factory!();
      expect([error.code, error.status, error.message], code).toEqual([code, status, message]);
    }
  });

  it('are all refusals (4xx), and the sign-in backoff says how long to wait', () => {
    for (const factory of factories) expect(factory().isRefusal, factory.code).toBe(true);
    const throttled = errors.signInThrottled(120);
    expect([throttled.code, throttled.status, throttled.retryAfterSeconds]).toEqual(['rate_limited', 429, 120]);
    expect(throttled.message).toBe(
      'Too many failed sign-ins for this account or from this address. Please wait 2 minutes and try again.',
    );
  });
});
