import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, PASSWORD, TestClient } from './community.fixtures.js';

describe('accounts over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_MAIL_SMTP_URL: sink.url,
        DAILYPAPERS_SERVER_PUBLIC_URL: 'http://127.0.0.1:3999',
        DAILYPAPERS_RATE_LIMIT_LOGIN_PER_ACCOUNT: '3',
      },
    }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await sink.close();
  });
  beforeEach(() => {
    sink.messages.length = 0;
  });

  const local = (link: string) => link.replace('http://127.0.0.1:3999', '');

  it('signs up, mails a verification link that must be confirmed with a POST, and then signs in', async () => {
    const client = new TestClient(app);
    const signup = await client.post('/signup', {
      username: 'ada',
      email: 'ada@example.org',
      password: 'analytical engine',
    });
    expect(signup.statusCode).toBe(200);
    expect(signup.body).toContain('We sent a confirmation link to ada@example.org');
    const mail = await sink.waitFor((m) => m.subject?.includes('Confirm') ?? false);
    const link = local(linkIn(mail, '/account/verify'));
    expect((await store.users.findByUsername('ada'))?.emailVerifiedAt).toBeNull();

    const confirm = await client.get(link);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Confirm my e-mail address');
    expect((await store.users.findByUsername('ada'))?.emailVerifiedAt).toBeNull();
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const verified = await client.post('/account/verify', { token });
    expect(verified.headers.location).toBe('/login');
    expect((await client.follow(verified)).body).toContain('Your e-mail address is verified');
    expect((await store.users.findByUsername('ada'))?.emailVerifiedAt).not.toBeNull();
    // The link dies once used.
    expect((await client.get(link)).statusCode).toBe(400);

    const login = await client.signIn('ada', 'analytical engine');
    const cookie = (
      login.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean }>
    ).find((c) => c.name === 'dp_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie.secure).toBeFalsy();
    expect((await client.get('/')).body).toContain('href="/u/ada"');
  });

  it('marks the session cookie Secure when the public URL is https', async () => {
    const { app: httpsApp } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example.org' },
    });
    await makeUser(store, { username: 'secure' });
    const res = await new TestClient(httpsApp).signIn('secure');
    expect(
      (res.cookies as Array<{ name: string; secure?: boolean }>).find((c) => c.name === 'dp_session')?.secure,
    ).toBe(true);
    await httpsApp.close();
  });

  it('answers a sign-up with a taken address exactly like a new one, and mails the owner instead', async () => {
    await makeUser(store, { username: 'owner', email: 'owner@example.org' });
    const res = await new TestClient(app).post('/signup', {
      username: 'newname',
      email: 'OWNER@example.org',
      password: 'long enough pw',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('We sent a confirmation link to OWNER@example.org');
    const mail = await sink.waitFor((m) => m.subject?.includes('already have') ?? false);
    expect(mail.text).toContain('/account/reset');
    // The new account exists as it would for a free address, but holds nothing: the address stays the owner's.
    expect(await store.users.findByUsername('newname')).toMatchObject({ email: null, emailVerifiedAt: null });
    expect((await store.users.findByEmail('owner@example.org'))?.username).toBe('owner');
  });

  it('refuses bad sign-up input with a clear message, keeping what was typed', async () => {
    const client = new TestClient(app);
    const short = await client.post('/signup', { username: 'bob', email: 'bob@example.org', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Passwords have at least 8 characters.');
    expect(short.body).toContain('value="bob@example.org"');
    await makeUser(store, { username: 'taken' });
    const taken = await client.post('/signup', {
      username: 'Taken',
      email: 'new@example.org',
      password: 'long enough pw',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('is taken');
  });

  it('gives one message for an unknown account and a wrong password', async () => {
    await makeUser(store, { username: 'carol' });
    const client = new TestClient(app);
    const unknown = await client.post('/login', { identifier: 'nobody', password: 'whatever1' });
    const wrong = await client.post('/login', { identifier: 'carol', password: 'whatever1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const message = 'That username or e-mail and password do not match an account.';
    expect(unknown.body).toContain(message);
    expect(wrong.body).toContain(message);
  });

  it('throttles sign-in attempts per account, whatever the IP', async () => {
    await makeUser(store, { username: 'dave' });
    for (let i = 0; i < 3; i++) {
      const res = await new TestClient(app, {}, `10.0.0.${i + 1}`).post('/login', {
        identifier: 'dave',
        password: 'nope nope',
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await new TestClient(app).post('/login', { identifier: 'DAVE', password: PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.body).toContain('You are doing that too often');
  });

  it('refuses state-changing forms without a valid CSRF token', async () => {
    await makeUser(store, { username: 'erin' });
    const client = new TestClient(app);
    expect((await client.post('/login', { identifier: 'erin', password: PASSWORD, _csrf: '' })).statusCode).toBe(403);
    expect((await client.post('/login', { identifier: 'erin', password: PASSWORD, _csrf: 'forged' })).statusCode).toBe(
      403,
    );
    await client.signIn('erin');
    const noToken = await client.post('/account/settings', { upvotesPublic: 'on', _csrf: '' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('did not come from this site');
    expect((await store.users.findByUsername('erin'))?.upvotesPublic).toBe(false);
    // A token from another session is no good either.
    const other = new TestClient(app);
    await makeUser(store, { username: 'frank' });
    await other.signIn('frank');
    const foreign = await client.post('/account/settings', { upvotesPublic: 'on', _csrf: await other.csrf() });
    expect(foreign.statusCode).toBe(403);
  });

  it('resets a password by a mailed link that dies after use, and signs out everywhere', async () => {
    await makeUser(store, { username: 'grace', email: 'grace@example.org' });
    const elsewhere = new TestClient(app);
    await elsewhere.signIn('grace');
    const client = new TestClient(app);
    const unknown = await client.post('/account/reset', { email: 'nobody@example.org' });
    const known = await client.post('/account/reset', { email: 'grace@example.org' });
    expect(unknown.body).toContain('If an account uses that address');
    expect(known.body).toContain('If an account uses that address');
    const mail = await sink.waitFor((m) => m.subject?.includes('Reset') ?? false);
    expect(sink.messages).toHaveLength(1);
    const link = local(linkIn(mail, '/account/reset/confirm'));
    expect((await client.get(link)).body).toContain('Choose a new password');
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const done = await client.post('/account/reset/confirm', { token, password: 'a brand new one' });
    expect(done.headers.location).toBe('/login');
    expect((await client.post('/account/reset/confirm', { token, password: 'and another one' })).statusCode).toBe(400);
    expect((await elsewhere.get('/account')).headers.location).toMatch(/^\/login/);
    await client.signIn('grace', 'a brand new one');
  });

  it('signs out everywhere from the account page', async () => {
    await makeUser(store, { username: 'heidi' });
    const [a, b] = [new TestClient(app), new TestClient(app)];
    await a.signIn('heidi');
    await b.signIn('heidi');
    const res = await a.post('/logout/everywhere');
    expect(res.headers.location).toBe('/login');
    expect((await b.get('/account')).statusCode).toBe(303);
    expect((await a.get('/account')).statusCode).toBe(303);
    expect(await store.sessions.countForUser((await store.users.findByUsername('heidi'))!.id)).toBe(0);
  });

  it('does not let a suspended user sign in', async () => {
    const id = await makeUser(store, { username: 'ivan' });
    await store.moderation.setUserSuspended({
      userId: id,
      suspended: true,
      reason: 'spam',
      actorId: null,
      now: new Date().toISOString(),
    });
    const res = await new TestClient(app).post('/login', { identifier: 'ivan', password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This account is suspended: spam');
  });
});
