import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { addSubscriber } from '../../../test/support/digest.js';
import { seedListed } from '../../../test/support/seed.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { clickMac, signDigestToken } from '../../digest/digest-links.js';
import type { Services } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';
import { TestClient } from './community.test-utils.js';

const ORIGIN = 'http://127.0.0.1:3998';
const local = (link: string) => link.replace(ORIGIN, '');

describe('digest pages over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app, services } = await buildTestApp({
      store,
      env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url, DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN },
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
  const token = (purpose: 'digest-unsubscribe' | 'digest-manage', subject: { id: number; email: string }) =>
    signDigestToken({ secret: services.secret, purpose, subject });

  it('every page offers the subscribe form; subscribing mails a confirmation link, and only its POST confirms', async () => {
    const reader = new TestClient(app);
    const home = await reader.get('/');
    expect(home.body).toContain('action="/digest/subscribe"');
    const res = await reader.post('/digest/subscribe', { email: ' Grace@Example.org ', _csrf: '' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your inbox');
    const mail = await sink.waitFor((m) => m.subject?.includes('Confirm your dailypapers digest') ?? false);
    expect(await store.subscriptions.findByEmail('grace@example.org')).toMatchObject({ status: 'pending' });
    const page = await reader.get(local(linkIn(mail, '/digest/confirm')));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('grace@example.org');
    expect((await store.subscriptions.findByEmail('grace@example.org'))?.status).toBe('pending');
    const confirmToken = new URL(linkIn(mail, '/digest/confirm')).searchParams.get('token')!;
    const done = await reader.post('/digest/confirm', { token: confirmToken });
    expect(done.body).toContain('You are subscribed');
    expect((await store.subscriptions.findByEmail('grace@example.org'))?.status).toBe('confirmed');
  });

  it('answers the same for new and known addresses, sends one confirmation per ten minutes, and refuses a bad address', async () => {
    const reader = new TestClient(app, {}, '10.0.0.2');
    await reader.post('/digest/subscribe', { email: 'twice@example.org', query: 'graph neural networks', _csrf: '' });
    const twice = (await store.subscriptions.findByEmail('twice@example.org'))!;
    expect((await store.savedSearches.listBySubscription(twice.id)).map((s) => s.query)).toEqual([
      'graph neural networks',
    ]);
    const second = await reader.post('/digest/subscribe', { email: 'twice@example.org', _csrf: '' });
    expect(second.body).toContain('Check your inbox');
    await addSubscriber(store, { email: 'known@example.org' });
    const known = await reader.post('/digest/subscribe', { email: 'known@example.org', query: 'spam', _csrf: '' });
    expect(known.body).toContain('Check your inbox');
    // Anyone can post the form: it must not change what a confirmed subscriber receives.
    const knownId = (await store.subscriptions.findByEmail('known@example.org'))!.id;
    expect(await store.savedSearches.listBySubscription(knownId)).toEqual([]);
    await reader.post('/digest/subscribe', { email: 'known@example.org', _csrf: '' });
    await sink.waitFor((m) => m.subject?.includes('already receive') ?? false);
    expect(sink.messages.filter((m) => m.subject?.includes('Confirm'))).toHaveLength(1);
    expect(sink.messages.filter((m) => m.subject?.includes('already receive'))).toHaveLength(1);
    const bad = await reader.post('/digest/subscribe', { email: 'not an address', _csrf: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a valid e-mail address.');
  });

  it('one-click unsubscribe works without cookies, in either form encoding, repeats harmlessly, and refuses a forged token', async () => {
    const id = await addSubscriber(store, { email: 'leaving@example.org' });
    const t = token('digest-unsubscribe', { id, email: 'leaving@example.org' });
    const forged = await app.inject({
      method: 'POST',
      url: `/digest/unsubscribe?token=${t.slice(0, -2)}xx`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(400);
    expect((await store.subscriptions.findById(id))?.status).toBe('confirmed');
    const page = await app.inject({ method: 'GET', url: `/digest/unsubscribe?token=${encodeURIComponent(t)}` });
    expect(page.body).toContain('Stop sending the paper digest to');
    expect((await store.subscriptions.findById(id))?.status).toBe('confirmed');
    const oneClick = await app.inject({
      method: 'POST',
      url: `/digest/unsubscribe?token=${encodeURIComponent(t)}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.statusCode).toBe(200);
    expect((await store.subscriptions.findById(id))?.status).toBe('unsubscribed');
    const boundary = 'xyz';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const again = await app.inject({
      method: 'POST',
      url: `/digest/unsubscribe?token=${encodeURIComponent(t)}`,
      payload: multipart,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(again.statusCode).toBe(200);
    expect((await store.subscriptions.findById(id))?.status).toBe('unsubscribed');
  });

  it('the signed preferences link saves valid choices, explains invalid ones, and manages saved searches', async () => {
    const id = await addSubscriber(store, { email: 'prefs@example.org' });
    const t = token('digest-manage', { id, email: 'prefs@example.org' });
    const reader = new TestClient(app);
    expect((await reader.get(`/digest/preferences?token=${encodeURIComponent(t)}`)).body).toContain('Save preferences');
    const form = {
      token: t,
      period: 'weekly',
      maxPapers: '5',
      includeCategories: 'cs.CL, cs.LG',
      excludeCategories: '',
      followAuthors: 'Ada Lovelace\nAlan Turing',
      sendHour: '8',
      timezone: 'Europe/Paris',
    };
    const saved = await reader.post('/digest/preferences', form);
    expect(saved.statusCode).toBe(303);
    expect(await store.subscriptions.findById(id)).toMatchObject({
      period: 'weekly',
      maxPapers: 5,
      includeCategories: ['cs.CL', 'cs.LG'],
      followAuthors: ['Ada Lovelace', 'Alan Turing'],
      sendHour: 8,
      timezone: 'Europe/Paris',
    });
    const invalid = await reader.post('/digest/preferences', { ...form, timezone: 'Mars/Olympus', maxPapers: '5' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Choose a time zone');
    expect((await store.subscriptions.findById(id))?.timezone).toBe('Europe/Paris');
    await reader.post('/digest/preferences/searches', { token: t, query: 'sparse attention' });
    const [search] = await store.savedSearches.listBySubscription(id);
    expect(search?.query).toBe('sparse attention');
    await reader.post('/digest/preferences/searches/delete', { token: t, id: String(search!.id) });
    expect(await store.savedSearches.listBySubscription(id)).toEqual([]);
    const wrong = await reader.post('/digest/preferences', {
      ...form,
      token: token('digest-unsubscribe', { id, email: 'prefs@example.org' }),
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('a click in a digest is recorded once and leads to the paper; a forged link records nothing', async () => {
    const [paperId] = await seedListed(store, [{ day: '2024-05-01', paper: { arxivId: '2405.01234' } }]);
    const sub = await addSubscriber(store, { email: 'clicker@example.org' });
    await store.digestOutbox.insertBuilt(
      [
        {
          subscriptionId: sub,
          periodKey: 'daily:2024-05-01',
          status: 'pending',
          content: { top: [paperId!], searches: [], forYou: [] },
        },
      ],
      '2024-05-02T07:00:00Z',
    );
    const row = (await store.digestOutbox.claimNext('t', new Date().toISOString()))!;
    const mac = clickMac({ secret: services.secret, outboxId: row.id, paperId: paperId! });
    const res = await app.inject({ method: 'GET', url: `/digest/open/${row.id}/${paperId}/${mac}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/papers/2405.01234');
    await app.inject({ method: 'GET', url: `/digest/open/${row.id}/${paperId}/${mac}` });
    const forged = await app.inject({ method: 'GET', url: `/digest/open/${row.id}/${paperId}/AAAAAAAAAAAAAAAA` });
    expect(forged.headers.location).toBe('/');
    const user = await store.users.create({ username: 'clicker', email: 'clicker@example.org' });
    await store.subscriptions.confirmForUser(sub, user, new Date().toISOString());
    expect((await store.recommendations.interactionsOf(user)).filter((i) => i.kind === 'click')).toHaveLength(1);
  });
});
