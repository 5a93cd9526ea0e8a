import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { addSubscriber } from '../../../test/support/digest.js';
import { seedListed } from '../../../test/support/seed.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

describe('digest settings, For you and the outbox page for signed-in readers', () => {
  let store: Store;
  let app: FastifyInstance;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url } }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await sink.close();
  });
  beforeEach(() => {
    sink.messages.length = 0;
  });
  const signedIn = async (username: string, opts: { verified?: boolean; role?: 'admin' } = {}) => {
    await makeUser(store, { username, ...opts });
    const client = new TestClient(app);
    await client.signIn(username);
    return client;
  };

  it('a verified account subscribes without a confirmation mail, saves preferences and can leave', async () => {
    const ada = await signedIn('ada');
    expect((await ada.get('/settings/digest')).body).toContain('Subscribe');
    const res = await ada.post('/settings/digest/subscribe');
    expect(res.statusCode).toBe(303);
    const subscription = await store.subscriptions.findByEmail('ada@example.org');
    expect(subscription).toMatchObject({ status: 'confirmed', userId: (await store.users.findByUsername('ada'))!.id });
    expect(sink.messages).toHaveLength(0);
    const page = await ada.get('/settings/digest');
    expect(page.body).toContain('Digests go to');
    const saved = await ada.post('/settings/digest', {
      period: 'daily',
      maxPapers: '3',
      includeCategories: 'cs.LG',
      excludeCategories: '',
      followAuthors: '',
      forYou: 'on',
      sendHour: '6',
      timezone: 'UTC',
    });
    expect(saved.statusCode).toBe(303);
    expect(await store.subscriptions.findById(subscription!.id)).toMatchObject({
      maxPapers: 3,
      includeCategories: ['cs.LG'],
      forYou: true,
      sendHour: 6,
    });
    const refused = await ada.post('/settings/digest', {
      period: 'hourly',
      maxPapers: '3',
      sendHour: '6',
      timezone: 'UTC',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose daily or weekly.');
    await ada.post('/settings/digest/unsubscribe');
    expect((await store.subscriptions.findById(subscription!.id))?.status).toBe('unsubscribed');
  });

  it('an unverified account gets the confirmation mail, as the public form would send', async () => {
    const bob = await signedIn('bob', { verified: false });
    await bob.post('/settings/digest/subscribe');
    await sink.waitFor((m) => m.subject?.includes('Confirm your dailypapers digest') ?? false);
    expect((await store.subscriptions.findByEmail('bob@example.org'))?.status).toBe('pending');
  });

  it('"alert me" from the search page saves the search to the account\'s digest and returns to the search', async () => {
    const cat = await signedIn('cat');
    const res = await cat.post('/settings/digest/searches', {
      query: 'mixture of experts',
      category: 'cs.LG',
      back: '/search?q=mixture+of+experts',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/search?q=mixture+of+experts');
    const subscription = (await store.subscriptions.findByEmail('cat@example.org'))!;
    expect(await store.savedSearches.listBySubscription(subscription.id)).toMatchObject([
      { query: 'mixture of experts', category: 'cs.LG' },
    ]);
    const settings = (await cat.get('/settings/digest')).body;
    expect(settings).toContain('mixture of experts');
    // Each saved search can also be followed as a feed.
    expect(settings).toContain('href="/feeds/search.rss?q=mixture+of+experts&amp;category=cs.LG&amp;sort=newest"');
  });

  it("refuses to delete another reader's saved search, says it was not found and deletes nothing", async () => {
    const owner = await signedIn('searchowner');
    await owner.post('/settings/digest/searches', { query: 'state space models' });
    const subscription = (await store.subscriptions.findByEmail('searchowner@example.org'))!;
    const [search] = await store.savedSearches.listBySubscription(subscription.id);
    const intruder = await signedIn('intruder');
    await intruder.post('/settings/digest/searches', { query: 'something of my own' });
    const res = await intruder.post(`/settings/digest/searches/${search!.id}/delete`);
    expect(res.statusCode).toBe(303);
    const page = (await intruder.follow(res)).body;
    expect(page).toContain('There is no such saved search in your digest.');
    expect(page).not.toContain('The saved search is removed.');
    const json = await intruder.api('POST', `/settings/digest/searches/${search!.id}/delete`);
    expect(json.statusCode).toBe(404);
    expect(json.json().error.code).toBe('digest.saved_search_not_found');
    expect(await store.savedSearches.listBySubscription(subscription.id)).toHaveLength(1);
    // The owner still can.
    const own = await owner.post(`/settings/digest/searches/${search!.id}/delete`);
    expect((await owner.follow(own)).body).toContain('The saved search is removed.');
    expect(await store.savedSearches.listBySubscription(subscription.id)).toHaveLength(0);
  });

  it('"For you" ranks recent papers like the ones a reader upvoted, without those they already upvoted', async () => {
    const today = todayUtc();
    const topic = (title: string) => ({
      day: today,
      paper: {
        title,
        abstract: `${title}. We study quantum error correction with surface codes and qubits.`,
        categories: ['quant-ph'],
        primaryCategory: 'quant-ph',
      },
    });
    const other = (title: string) => ({
      day: today,
      upvotes: 3,
      paper: {
        title,
        abstract: `${title}. We train convolutional networks for image segmentation.`,
        categories: ['cs.CV'],
        primaryCategory: 'cs.CV',
      },
    });
    const ids = await seedListed(store, [
      topic('Surface codes for qubits'),
      topic('Decoding quantum error correction'),
      topic('Qubit error thresholds'),
      topic('Fault-tolerant quantum surface codes'),
      other('Segmenting street images'),
      other('Convolutional image segmentation'),
    ]);
    const dee = await signedIn('dee');
    const deeId = (await store.users.findByUsername('dee'))!.id;
    for (const paperId of ids.slice(0, 3)) await store.votes.setVote({ userId: deeId, paperId: paperId!, up: true });
    const page = await dee.get('/for-you');
    expect(page.statusCode).toBe(200);
    const first = page.body.indexOf('Fault-tolerant quantum surface codes');
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(page.body.indexOf('Segmenting street images') >>> 0);
    for (const paper of await store.papers.findByIds(ids.slice(0, 3) as number[]))
      expect(page.body).not.toContain(`id="paper-${paper.arxivId}"`);
    const [unseen] = await store.papers.findByIds([ids[3]!]);
    expect(page.body).toContain(`id="paper-${unseen!.arxivId}"`);
    expect((await new TestClient(app).get('/for-you')).statusCode).toBe(303);
  });

  it('the outbox page shows permanent failures to admins only', async () => {
    const sub = await addSubscriber(store, { email: 'bounced@example.org' });
    await store.digestOutbox.insertBuilt(
      [
        {
          subscriptionId: sub,
          periodKey: 'daily:2024-05-01',
          status: 'pending',
          content: { top: [], searches: [], forYou: [] },
        },
      ],
      new Date().toISOString(),
    );
    const row = (await store.digestOutbox.claimNext('t', new Date().toISOString(), { onlySubscriptionId: sub }))!;
    await store.digestOutbox.markFailed(row.id, 't', '550 5.1.1 mailbox unavailable');
    const admin = await signedIn('root', { role: 'admin' });
    const page = await admin.get('/admin/outbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('bounced@example.org');
    expect(page.body).toContain('550 5.1.1 mailbox unavailable');
    const reader = await signedIn('eve');
    expect((await reader.get('/admin/outbox')).statusCode).toBe(403);
  });
});
