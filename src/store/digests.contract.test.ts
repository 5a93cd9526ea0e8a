import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { BuiltDigest, DigestPreferences } from '../digest/digest.models.js';
import type { Store } from './store.js';

const prefs: DigestPreferences = {
  period: 'daily',
  maxPapers: 10,
  includeCategories: ['cs.LG'],
  excludeCategories: [],
  followAuthors: ['Ada Lovelace'],
  forYou: true,
  sendHour: 7,
  timezone: 'Europe/Paris',
};
const T0 = '2024-05-02T07:00:00.000Z';

describe.each(storeFactories)('digest store contract on $dialect', (factory) => {
  let store: Store;
  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
  });
  afterEach(async () => {
    await store.close();
  });

  const subscribe = (email: string, status: 'pending' | 'confirmed' = 'confirmed') =>
    store.subscriptions.create({ email, userId: null, status, preferences: prefs, now: T0 });
  const digest = (subscriptionId: number, top: number[], periodKey = 'daily:2024-05-01'): BuiltDigest => ({
    subscriptionId,
    periodKey,
    status: 'pending',
    content: { top, searches: [], forYou: [] },
  });
  async function papers(n: number) {
    const made = Array.from({ length: n }, () => makePaper());
    await store.papers.upsertMany(made);
    return Promise.all(made.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
  }

  it('a subscription is confirmed once, and unsubscribing twice changes nothing the second time', async () => {
    const id = await subscribe('ada@example.org', 'pending');
    expect(await store.subscriptions.findByEmail('ada@example.org')).toMatchObject({ id, status: 'pending', ...prefs });
    expect(await store.subscriptions.confirm(id, T0)).toBe(true);
    expect(await store.subscriptions.confirm(id, T0)).toBe(false);
    expect(await store.subscriptions.unsubscribe(id, T0)).toBe(true);
    expect(await store.subscriptions.unsubscribe(id, T0)).toBe(false);
    // An old confirmation link cannot bring an unsubscribed address back: only a new subscribe (pending) can.
    expect(await store.subscriptions.confirm(id, T0)).toBe(false);
    await store.subscriptions.markConfirmationSent(id, '2024-05-03T00:00:00.000Z');
    expect(await store.subscriptions.findById(id)).toMatchObject({
      status: 'pending',
      confirmSentAt: '2024-05-03T00:00:00.000Z',
    });
  });

  it('a digest is built once per subscriber and period: a second insert keeps the first and its sent papers', async () => {
    const sub = await subscribe('ada@example.org');
    const [p1, p2, p3] = await papers(3);
    expect(await store.digestOutbox.insertBuilt([digest(sub, [p1!, p2!])], T0)).toBe(1);
    expect(await store.digestOutbox.insertBuilt([digest(sub, [p3!])], T0)).toBe(0);
    const sent = await store.digestOutbox.sentAmong([sub], [p1!, p2!, p3!]);
    expect([...(sent.get(sub) ?? [])].sort()).toEqual([p1, p2].sort());
    const page = await store.subscriptions.pageWithoutDigest({
      period: 'daily',
      periodKey: 'daily:2024-05-01',
      afterId: 0,
      limit: 10,
    });
    expect(page).toEqual([]);
  });

  it('forgets the papers sent in digests built before a date, keeping the digests themselves', async () => {
    const sub = await subscribe('ada@example.org');
    const [old1, old2, recent] = await papers(3);
    await store.digestOutbox.insertBuilt([digest(sub, [old1!, old2!], 'daily:2024-01-02')], '2024-01-02T07:00:00.000Z');
    await store.digestOutbox.insertBuilt([digest(sub, [recent!], 'daily:2024-05-01')], T0);
    expect(await store.digestOutbox.pruneSentRecords('2024-03-01T00:00:00.000Z')).toBe(2);
    const sent = await store.digestOutbox.sentAmong([sub], [old1!, old2!, recent!]);
    expect([...(sent.get(sub) ?? [])]).toEqual([recent]);
    // The old period's digest still exists, so it is never built again.
    expect(await store.digestOutbox.insertBuilt([digest(sub, [old1!], 'daily:2024-01-02')], T0)).toBe(0);
    expect(await store.digestOutbox.pruneSentRecords('2024-03-01T00:00:00.000Z')).toBe(0);
  });

  it("the builder's page holds confirmed subscribers of the schedule without the period's digest, in id order", async () => {
    const a = await subscribe('a@example.org');
    await subscribe('b@example.org', 'pending');
    const c = await subscribe('c@example.org');
    const d = await subscribe('d@example.org');
    await store.digestOutbox.insertBuilt([digest(c, [])], T0);
    const page = await store.subscriptions.pageWithoutDigest({
      period: 'daily',
      periodKey: 'daily:2024-05-01',
      afterId: 0,
      limit: 10,
      schedule: { timezone: 'Europe/Paris', sendHour: 7 },
    });
    expect(page.map((s) => s.id)).toEqual([a, d]);
    expect(await store.subscriptions.schedules('daily')).toEqual([{ timezone: 'Europe/Paris', sendHour: 7 }]);
    const later = await store.subscriptions.pageWithoutDigest({
      period: 'daily',
      periodKey: 'daily:2024-05-01',
      afterId: a,
      limit: 10,
    });
    expect(later.map((s) => s.id)).toEqual([d]);
    const early = await store.subscriptions.pageWithoutDigest({
      period: 'daily',
      periodKey: 'daily:2024-05-01',
      afterId: 0,
      limit: 10,
      confirmedBefore: T0,
    });
    expect(early).toEqual([]);
  });

  it('senders claim due rows one at a time, in order, never the same row twice', async () => {
    const subs = [await subscribe('a@example.org'), await subscribe('b@example.org')];
    await store.digestOutbox.insertBuilt(
      subs.map((s) => digest(s, [])),
      T0,
    );
    const first = await store.digestOutbox.claimNext('one', T0);
    const second = await store.digestOutbox.claimNext('two', T0);
    expect(first).toMatchObject({ subscriptionId: subs[0], status: 'sending', attempts: 1 });
    expect(second).toMatchObject({ subscriptionId: subs[1], status: 'sending' });
    expect(await store.digestOutbox.claimNext('three', T0)).toBeNull();
    // Only the holder may settle its row.
    expect(await store.digestOutbox.markSent(first!.id, 'two', T0)).toBe(false);
    expect(await store.digestOutbox.markSent(first!.id, 'one', T0)).toBe(true);
    expect(
      await store.digestOutbox.markRetry(second!.id, 'two', { at: '2024-05-02T08:00:00.000Z', error: '451 later' }),
    ).toBe(true);
    expect(await store.digestOutbox.claimNext('one', T0)).toBeNull();
    expect(await store.digestOutbox.claimNext('one', '2024-05-02T08:00:00.000Z')).toMatchObject({
      id: second!.id,
      attempts: 2,
    });
    expect(await store.digestOutbox.countByStatus()).toMatchObject({ sent: 1, sending: 1, pending: 0 });
  });

  it('a permanent failure is listed for the operator and frees its papers to be sent another time', async () => {
    const sub = await subscribe('gone@example.org');
    const [p1] = await papers(1);
    await store.digestOutbox.insertBuilt([digest(sub, [p1!])], T0);
    const row = (await store.digestOutbox.claimNext('one', T0))!;
    expect(await store.digestOutbox.markFailed(row.id, 'one', '550 no such user')).toBe(true);
    expect((await store.digestOutbox.sentAmong([sub], [p1!])).size).toBe(0);
    const failed = await store.digestOutbox.listWithEmail({ status: 'failed', limit: 10 });
    expect(failed).toMatchObject([{ id: row.id, email: 'gone@example.org', lastError: '550 no such user' }]);
  });

  it('a row left "sending" by a crashed sender is queued again once it is older than the timeout', async () => {
    const sub = await subscribe('a@example.org');
    await store.digestOutbox.insertBuilt([digest(sub, [])], T0);
    await store.digestOutbox.claimNext('crashed', T0);
    expect(await store.digestOutbox.recoverStale(T0, T0)).toBe(0);
    expect(await store.digestOutbox.recoverStale('2024-05-02T07:10:00.000Z', '2024-05-02T07:10:00.000Z')).toBe(1);
    expect(await store.digestOutbox.claimNext('next', '2024-05-02T07:10:00.000Z')).toMatchObject({ attempts: 2 });
  });

  it('saved searches are unique per subscriber and read back grouped by subscriber', async () => {
    const a = await subscribe('a@example.org');
    const b = await subscribe('b@example.org');
    const s1 = await store.savedSearches.add({
      subscriptionId: a,
      query: 'mixture of experts',
      category: '',
      hasCode: false,
      now: T0,
    });
    expect(
      await store.savedSearches.add({
        subscriptionId: a,
        query: 'mixture of experts',
        category: '',
        hasCode: false,
        now: T0,
      }),
    ).toBeNull();
    await store.savedSearches.add({ subscriptionId: b, query: 'diffusion', category: 'cs.CV', hasCode: true, now: T0 });
    const grouped = await store.savedSearches.listForSubscriptions([a, b]);
    expect(grouped.get(a)?.map((s) => s.query)).toEqual(['mixture of experts']);
    expect(grouped.get(b)?.[0]).toMatchObject({ category: 'cs.CV', hasCode: true });
    expect(await store.savedSearches.remove(s1!, b)).toBe(false);
    expect(await store.savedSearches.remove(s1!, a)).toBe(true);
  });

  it("a user's interactions gather upvotes, collection items and first digest clicks; models are stored and replaced", async () => {
    const user = await store.users.create({ username: 'ada', email: 'ada@example.org' });
    const [p1, p2, p3] = await papers(3);
    for (const p of [p1!, p2!, p3!])
      await store.listings.add({ paperId: p, listedOn: '2024-05-01', submittedBy: null });
    await store.votes.setVote({ userId: user, paperId: p1!, up: true });
    const collection = await store.collections.create({
      userId: user,
      name: 'reading',
      description: '',
      isPublic: false,
      now: T0,
    });
    await store.collections.addPaper(collection, p2!, T0);
    const sub = await store.subscriptions.create({
      email: 'ada@example.org',
      userId: user,
      status: 'confirmed',
      preferences: prefs,
      now: T0,
    });
    await store.digestOutbox.insertBuilt([digest(sub, [p3!])], T0);
    const row = (await store.digestOutbox.claimNext('one', T0))!;
    expect(
      await store.digestOutbox.recordClick({ outboxId: row.id, paperId: p3!, at: '2024-05-02T09:00:00.000Z' }),
    ).toBe(sub);
    expect(
      await store.digestOutbox.recordClick({ outboxId: row.id, paperId: p3!, at: '2024-05-02T10:00:00.000Z' }),
    ).toBe(sub);
    expect(await store.digestOutbox.recordClick({ outboxId: 999_999, paperId: p3!, at: T0 })).toBeNull();
    const interactions = await store.recommendations.interactionsOf(user);
    expect(interactions.map((i) => [i.kind, i.paperId]).sort()).toEqual(
      [
        ['click', p3],
        ['collection', p2],
        ['upvote', p1],
      ].sort(),
    );
    expect(interactions.find((i) => i.kind === 'click')?.at).toBe('2024-05-02T09:00:00.000Z');
    expect((await store.recommendations.upvotedAmong([user], [p1!, p2!, p3!])).get(user)).toEqual(new Set([p1]));
    const active = await store.recommendations.activeUsersSince('2024-05-01T00:00:00.000Z');
    expect(active.get(user)).toBeDefined();
    const model = { userId: user, weights: 'AAAA', bias: 0.5, positives: 3, trainedThrough: T0, trainedAt: T0 };
    await store.recommendations.saveModel(model);
    await store.recommendations.saveModel({ ...model, bias: -1 });
    expect((await store.recommendations.getModels([user])).get(user)).toEqual({ ...model, bias: -1 });
  });
});
