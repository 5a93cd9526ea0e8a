// What each page says in each mail mode. Without a transport (mail.transport=none, the default without
// mail.smtpUrl) no page may claim a mail was sent: accounts work at once, digest and alert forms point to feeds,
// administrators are told which setting turns mail on. The file transport writes real, parseable .eml files.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { todayUtc } from '../../core/dates.js';
import { declareJobs } from '../../jobs/definitions.js';
import type { Services } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

const PROMISES = [/we sent/i, /on its way/i, /check your inbox/i];
const noPromise = (body: string) => {
  for (const promise of PROMISES) expect(body).not.toMatch(promise);
};

async function appWith(env: Record<string, string>) {
  const store = await openStore({ sqliteFile: ':memory:' });
  const { app, services } = await buildTestApp({ store, env });
  await seedListed(store, [{ day: todayUtc(), paper: { arxivId: '2406.10001' } }]);
  await makeUser(store, { username: 'root', role: 'admin' });
  return { store, app, services };
}

describe('without a mail transport', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  beforeAll(async () => {
    ({ store, app, services } = await appWith({}));
  });

  it('runs the digest job as a no-op that says why', async () => {
    const job = declareJobs(services).find((j) => j.name === 'digests')!;
    const result = await job.run({ signal: new AbortController().signal, logger: services.logger });
    expect(result).toEqual({
      changed: false,
      message: 'e-mail is off (mail.transport=none): no digests built or sent',
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('signs a new account in at once, with its address unconfirmed, and promises no mail', async () => {
    const ada = new TestClient(app);
    const form = await ada.get('/signup');
    expect(form.body).toContain('This site sends no e-mail');
    noPromise(form.body);
    expect(form.body).not.toContain('We send a link');

    const signup = await ada.post('/signup', {
      username: 'ada',
      email: 'ada@example.org',
      password: 'analytical engine',
    });
    expect(signup.statusCode).toBe(303);
    const home = await ada.follow(signup);
    expect(home.body).toContain('This site sends no e-mail, so your address stays unconfirmed');
    expect(home.body).toContain('href="/u/ada"');
    noPromise(home.body);
    expect(await store.users.findByUsername('ada')).toMatchObject({
      emailVerifiedAt: null,
      pendingEmail: 'ada@example.org',
    });

    const account = await ada.get('/account');
    expect(account.body).toContain('ada@example.org is <strong>not confirmed</strong>: this site sends no e-mail');
    expect(account.body).not.toContain('/account/verify/resend');
    const resend = await ada.follow(await ada.post('/account/verify/resend'));
    expect(resend.body).toContain('E-mail is not enabled on this site: nothing was sent.');
  });

  it('lets an unconfirmed account vote and comment', async () => {
    const bea = new TestClient(app);
    await bea.post('/signup', { username: 'bea', email: 'bea@example.org', password: 'difference engine' });
    const vote = await bea.api('POST', '/api/v1/votes', { paper: '2406.10001', upvoted: true });
    expect(vote.statusCode).toBe(200);
    expect(vote.json()).toMatchObject({ upvoted: true, upvotes: 1 });
    const comment = await bea.api('POST', '/api/v1/comments', { paper: '2406.10001', body: 'Nice bound.' });
    expect(comment.statusCode).toBe(201);
  });

  it('says a password reset cannot be mailed', async () => {
    for (const res of [
      await new TestClient(app).get('/account/reset'),
      await new TestClient(app).post('/account/reset', { email: 'root@example.org' }),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('E-mail is not enabled on this site, so it cannot send you a link');
      noPromise(res.body);
    }
  });

  it('offers the trending and daily feeds instead of digests, and stores no subscription', async () => {
    const visitor = new TestClient(app);
    const home = await visitor.get('/');
    expect(home.body).toContain('E-mail is not enabled on this site, so it sends no digests.');
    expect(home.body).toContain('href="/feeds/trending.rss"');
    expect(home.body).not.toContain('action="/digest/subscribe"');
    const page = await visitor.get('/digest/subscribe');
    expect(page.body).toContain('href="/feeds/daily.rss"');
    const post = await visitor.post('/digest/subscribe', { email: 'reader@example.org' });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('E-mail is not enabled on this site');
    noPromise(post.body);
    expect(await store.subscriptions.findByEmail('reader@example.org')).toBeNull();
  });

  it("points a search alert to that search's feed, signed out and signed in", async () => {
    const visitor = new TestClient(app);
    const alert = await visitor.get('/digest/subscribe?q=sparse%20attention&category=cs.CL');
    expect(alert.body).toContain('so it sends no alerts');
    expect(alert.body).toMatch(/href="\/feeds\/search\.rss\?[^"]*q=sparse(\+|%20)attention[^"]*"/);
    const search = await visitor.get('/search?q=sparse%20attention');
    expect(search.body).toMatch(/<a class="button button-small alert-me" href="\/feeds\/search\.rss\?[^"]*"/);
    expect(search.body).toContain('Follow this search (RSS)');

    const root = new TestClient(app);
    await root.signIn('root');
    expect((await root.get('/search?q=sparse%20attention')).body).toContain('Follow this search (RSS)');
    const saved = await root.post('/settings/digest/searches', { query: 'sparse attention', back: '/search' });
    expect((await root.follow(saved)).body).toContain('E-mail is not enabled on this site: nothing was sent.');
    const settings = await root.get('/settings/digest');
    expect(settings.body).toContain('so it sends no digests');
    expect(settings.body).not.toContain('action="/settings/digest/subscribe"');
    expect(await store.subscriptions.findByEmail('root@example.org')).toBeNull();
  });

  it('tells administrators, and only them, which setting turns mail on', async () => {
    const root = new TestClient(app);
    await root.signIn('root');
    const notice = 'Administrators:</strong> This site sends no e-mail: mail.smtpUrl is not set';
    expect((await root.get('/')).body).toContain(notice);
    expect((await root.get('/admin/audit')).body).toContain('DAILYPAPERS_MAIL_SMTP_URL');
    await makeUser(store, { username: 'cleo' });
    const cleo = new TestClient(app);
    await cleo.signIn('cleo');
    expect((await cleo.get('/')).body).not.toContain('Administrators:');
    expect((await new TestClient(app).get('/')).body).not.toContain('Administrators:');
  });
});

describe('with the file transport', () => {
  let store: Store;
  let app: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dp-mail-'));
    ({ store, app } = await appWith({
      DAILYPAPERS_MAIL_TRANSPORT: 'file',
      DAILYPAPERS_DATA: dir,
      DAILYPAPERS_SERVER_PUBLIC_URL: 'http://127.0.0.1:3999',
    }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the confirmation mail as an .eml file under the data directory, with a working link', async () => {
    const ada = new TestClient(app);
    const signup = await ada.post('/signup', {
      username: 'ada',
      email: 'ada@example.org',
      password: 'analytical engine',
    });
    expect(signup.body).toContain('We sent a confirmation link to ada@example.org');
    const files = readdirSync(path.join(dir, 'mail')).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(path.join(dir, 'mail', files[0]!)));
    expect(mail.subject).toContain('Confirm');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ada@example.org');
    const link = mail.text?.match(/http:\/\/127\.0\.0\.1:3999(\/account\/verify\?token=\S+)/)?.[1];
    expect(link).toBeDefined();
    const token = new URL(link!, 'http://x').searchParams.get('token')!;
    expect((await ada.post('/account/verify', { token })).headers.location).toBe('/login');
    expect(await store.users.findByUsername('ada')).toMatchObject({ email: 'ada@example.org', pendingEmail: null });
    expect((await ada.get('/')).body).toContain('action="/digest/subscribe"');
  });

  it('tells administrators that mail is only written to files', async () => {
    const root = new TestClient(app);
    await root.signIn('root');
    expect((await root.get('/')).body).toContain('(mail.transport=file) and delivered to nobody');
  });
});

describe('with SMTP', () => {
  let sink: SmtpSink;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ store, app } = await appWith({ DAILYPAPERS_MAIL_SMTP_URL: sink.url }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await sink.close();
  });

  it('lets the first confirmation of an address win when two sign-ups wait on it', async () => {
    for (const username of ['twin1', 'twin2'])
      await new TestClient(app).post('/signup', { username, email: 'twin@example.org', password: 'long enough pw' });
    const links = sink.messages
      .filter((m) => m.to && !Array.isArray(m.to) && m.to.text === 'twin@example.org')
      .map((m) => new URL(linkIn(m, '/account/verify')).searchParams.get('token')!);
    expect(links).toHaveLength(2);
    const client = new TestClient(app);
    expect((await client.post('/account/verify', { token: links[1]! })).statusCode).toBe(303);
    const late = await client.post('/account/verify', { token: links[0]! });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('That address now belongs to another account');
    expect((await store.users.findByEmail('twin@example.org'))?.username).toBe('twin2');
  });

  it('keeps the forms and the promises, with no notice for administrators', async () => {
    const visitor = new TestClient(app);
    expect((await visitor.get('/signup')).body).toContain('We send a link to confirm it.');
    expect((await visitor.get('/')).body).toContain('action="/digest/subscribe"');
    expect((await visitor.get('/search?q=sparse')).body).toContain('Alert me about new papers');
    const post = await visitor.post('/digest/subscribe', { email: 'reader@example.org' });
    expect(post.body).toContain('a message is on its way');
    const root = new TestClient(app);
    await root.signIn('root');
    expect((await root.get('/')).body).not.toContain('Administrators:');
    const unverified = new TestClient(app);
    await unverified.post('/signup', { username: 'dan', email: 'dan@example.org', password: 'long enough pw' });
    await unverified.signIn('dan', 'long enough pw');
    const vote = await unverified.api('POST', '/api/v1/votes', { paper: '2406.10001', upvoted: true });
    expect(vote.statusCode).toBe(403);
  });
});
