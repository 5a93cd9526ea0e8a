import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { Mailer } from '../mail/mailer.js';
import { openStore, type Store } from '../store/store.js';
import type { AccountDeps } from './account-links.js';
import { accountOf, setUpvotesPublic } from './accounts.usecases.js';
import { createLoginThrottle, loginThrottleFor } from './login-throttle.usecases.js';
import { hashPassword } from './passwords.js';
import { resumeSession, sessionKeyOf } from './sessions.usecases.js';
import { signIn } from './sign-in.usecases.js';

const PASSWORD = 'a phrase nobody guesses';

describe('signIn, the one path of the sign-in form and the JSON API', () => {
  let store: Store;
  let deps: AccountDeps;
  const throttle = () =>
    createLoginThrottle({
      repository: store.loginFailures,
      rules: { freeFailuresPerAccount: 2, freeFailuresPerIp: 100, maxDelaySeconds: 60 },
    });

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    const config = loadConfig({ env: { DAILYPAPERS_SECRET: 'x'.repeat(40) }, file: undefined });
    const mailer: Mailer = { send: async () => {}, close: () => {} };
    deps = { store, config, mailer, secret: config.secret, logger: pino({ level: 'silent' }) };
    const passwordHash = await hashPassword(PASSWORD);
    await store.users.create({ username: 'ada', email: 'ada@example.org', passwordHash, emailVerifiedAt: 'x' });
    const eve = await store.users.create({ username: 'eve', email: 'eve@example.org', passwordHash });
    await store.connection.db
      .updateTable('users')
      .set({ suspended_at: '2024-01-01T00:00:00.000Z', suspension_reason: 'spam' })
      .where('id', '=', eve)
      .execute();
  });
  afterAll(async () => store.close());

  it('starts a new session for the account, by username or address, and ends the one the browser had', async () => {
    const first = await signIn({
      deps,
      throttle: throttle(),
      input: { identifier: 'ADA', password: PASSWORD },
      ip: '192.0.2.1',
      previousSession: undefined,
    });
    expect(first.user.username).toBe('ada');
    expect(first.session.sessionKey).toBe(sessionKeyOf(first.session.cookieValue));
    const second = await signIn({
      deps,
      throttle: throttle(),
      input: { identifier: 'ada@example.org', password: PASSWORD },
      ip: '192.0.2.1',
      previousSession: first.session.cookieValue,
    });
    expect(second.session.cookieValue).not.toBe(first.session.cookieValue);
    const resume = (cookieValue: string) => resumeSession({ store, cookieValue, days: 30 });
    expect(await resume(first.session.cookieValue)).toBeNull();
    expect((await resume(second.session.cookieValue))?.viewer.username).toBe('ada');
  });

  it('refuses a wrong password and an unknown account alike, and waits after the free failures', async () => {
    const t = throttle();
    const attempt = (identifier: string, password: string) =>
      signIn({ deps, throttle: t, input: { identifier, password }, ip: '192.0.2.2', previousSession: undefined });
    for (const identifier of ['ada', 'nobody'])
      await expect(attempt(identifier, 'wrong password')).rejects.toMatchObject({
        code: 'auth.invalid_credentials',
        status: 401,
      });
    await expect(attempt('ada', 'wrong password')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    await expect(attempt('ada', PASSWORD)).rejects.toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfterSeconds: 1,
    });
  });

  it('refuses a suspended account with its reason, and the right password is not counted as a guess', async () => {
    const t = throttle();
    const attempt = () =>
      signIn({
        deps,
        throttle: t,
        input: { identifier: 'eve', password: PASSWORD },
        ip: '192.0.2.3',
        previousSession: undefined,
      });
    for (let i = 0; i < 4; i++)
      await expect(attempt()).rejects.toMatchObject({
        code: 'account.suspended',
        status: 403,
        message: 'This account is suspended: spam',
      });
    expect(await store.sessions.countForUser((await store.users.findByUsername('eve'))!.id)).toBe(0);
  });

  it("reads and changes the viewer's own account, and refuses anonymous visitors", async () => {
    const user = (await store.users.findByUsername('ada'))!;
    const viewer = { id: user.id, username: 'ada', role: 'user' as const, emailVerified: true, suspended: false };
    await setUpvotesPublic({ deps, viewer, upvotesPublic: true });
    expect((await accountOf({ deps, viewer })).upvotesPublic).toBe(true);
    await expect(accountOf({ deps, viewer: null })).rejects.toMatchObject({ code: 'auth.required', status: 401 });
    await expect(setUpvotesPublic({ deps, viewer: null, upvotesPublic: false })).rejects.toMatchObject({
      code: 'auth.required',
    });
  });

  it('runs with the configured backoff, and with none when rate limiting is off', async () => {
    const rateLimit = { ...deps.config.rateLimit, loginFailuresPerAccount: 1, loginMaxDelaySeconds: 30 };
    const configured = loginThrottleFor({ store, rateLimit });
    const off = loginThrottleFor({ store, rateLimit: { ...rateLimit, enabled: false } });
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(await configured.claim({ ip: '192.0.2.9', account: 'unknown:configured', now })).toEqual({ allowed: true });
    expect(await configured.claim({ ip: '192.0.2.9', account: 'unknown:configured', now })).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    for (let i = 0; i < 5; i++)
      expect(await off.claim({ ip: '192.0.2.9', account: 'unknown:off', now })).toEqual({ allowed: true });
  });
});
