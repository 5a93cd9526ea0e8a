import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, PASSWORD, TestClient } from './community.test-utils.js';

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
        DAILYPAPERS_RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '3',
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

  it('names the cookies __Host-… and marks them Secure when the public URL is https, and keeps the session', async () => {
    const { app: httpsApp } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example.org' },
    });
    await makeUser(store, { username: 'secure' });
    const client = new TestClient(httpsApp);
    const res = await client.signIn('secure');
    type Cookie = { name: string; secure?: boolean; path?: string; domain?: string };
    const cookies = res.cookies as Cookie[];
    const session = cookies.find((c) => c.name === '__Host-dp_session');
    expect(session).toMatchObject({ secure: true, path: '/' });
    expect(session?.domain).toBeUndefined();
    expect(cookies.find((c) => c.name === 'dp_session')).toBeUndefined();
    expect([...client.cookies.keys()]).toContain('__Host-dp_csrf');
    // The prefixed cookie is the one read back: the browser is signed in, and its forms work.
    expect((await client.get('/account')).statusCode).toBe(200);
    expect((await client.post('/account/settings', { upvotesPublic: 'on' })).statusCode).toBe(303);
    expect((await client.post('/logout')).statusCode).toBe(303);
    expect((await client.get('/account')).statusCode).toBe(303);
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

  it('refuses common passwords and one repeated character on sign-up and on reset, saying why', async () => {
    const client = new TestClient(app);
    const weakOnes: Array<[string, string]> = [
      ['password', 'most common passwords'],
      ['12345678', 'most common passwords'],
      [' '.repeat(8), 'one character repeated'],
    ];
    for (const [password, why] of weakOnes) {
      const res = await client.post('/signup', { username: 'weakling', email: 'weak@example.org', password });
      expect(res.statusCode, password).toBe(400);
      expect(res.body).toContain(why);
    }
    expect(await store.users.findByUsername('weakling')).toBeNull();

    await makeUser(store, { username: 'judy', email: 'judy@example.org' });
    await client.post('/account/reset', { email: 'judy@example.org' });
    const mail = await sink.waitFor((m) => m.subject?.includes('Reset') ?? false);
    const token = new URL(local(linkIn(mail, '/account/reset/confirm')), 'http://x').searchParams.get('token')!;
    const weak = await client.post('/account/reset/confirm', { token, password: 'Password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('most common passwords');
    // Nothing changed: the old password still works, and the link still does.
    await new TestClient(app).signIn('judy');
    expect((await client.post('/account/reset/confirm', { token, password: 'judy picks a phrase' })).statusCode).toBe(
      303,
    );
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

  it('slows sign-in per account, whatever identifier was typed and whatever the IP, then lets the owner in', async () => {
    await makeUser(store, { username: 'dave', email: 'dave@example.org' });
    const typed = ['dave', 'DAVE', 'dave@example.org'];
    for (const [i, identifier] of typed.entries()) {
      const res = await new TestClient(app, {}, `10.0.0.${i + 1}`).post('/login', {
        identifier,
        password: 'nope nope',
      });
      expect(res.statusCode).toBe(401);
    }
    // Three failures, under three spellings, from three addresses: the account now waits, even for the right password.
    const blocked = await new TestClient(app, {}, '10.0.0.9').post('/login', {
      identifier: 'Dave',
      password: PASSWORD,
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.body).toContain('Too many failed sign-ins');
    const api = await new TestClient(app, {}, '10.0.0.10').api('POST', '/api/v1/session', {
      identifier: 'dave@example.org',
      password: PASSWORD,
    });
    expect(api.statusCode).toBe(429);
    expect(api.headers['retry-after']).toBe('1');
    expect(api.json().error.code).toBe('rate_limited');
    // A wait, not a lock: a second later the owner signs in.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await new TestClient(app, {}, '10.0.0.9').signIn('dave');
  });

  it('does not count successful sign-ins, and a success clears the failures', async () => {
    await makeUser(store, { username: 'sam' });
    for (let i = 0; i < 5; i++) await new TestClient(app, {}, '10.0.1.1').signIn('sam');
    const fail = () => new TestClient(app, {}, '10.0.1.2').post('/login', { identifier: 'sam', password: 'nope nope' });
    for (let round = 0; round < 2; round++) {
      expect((await fail()).statusCode).toBe(401);
      expect((await fail()).statusCode).toBe(401);
      await new TestClient(app, {}, '10.0.1.3').signIn('SAM');
    }
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
