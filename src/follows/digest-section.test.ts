import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubscriber, digestServices, TEST_SECRET } from '../../test/support/digest.js';
import { makePaper } from '../../test/support/papers.js';
import { seedListed } from '../../test/support/seed.js';
import { storeFactories } from '../../test/support/stores.js';
import { buildDigests } from '../digest/digest-build.usecases.js';
import { chooseDigestContent } from '../digest/digest-content.js';
import { createDigestComposer } from '../digest/digest-mail.js';
import { loadRecCorpus } from '../digest/recommend/train.usecases.js';
import type { Store } from '../store/store.js';

// "From what you follow" in a real digest build: the section, its place among the others, and never twice.
describe.each(storeFactories)('the digest’s following section on $dialect', (factory) => {
  let store: Store;
  let services: Awaited<ReturnType<typeof digestServices>>;
  let fan: number;
  let followedPaper: number;

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    // The day's listed top paper, and a harvested (unlisted) paper by a followed author.
    await seedListed(store, [{ day: '2024-05-01', upvotes: 1, paper: { title: 'Listed paper of the day' } }]);
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2404.99001',
        title: 'Engines by Ada',
        authors: [{ name: 'Ada Lovelace' }],
        publishedAt: '2024-04-30T18:00:00.000Z',
      }),
      makePaper({
        arxivId: '2405.99002',
        title: 'Published after the period',
        authors: [{ name: 'Ada Lovelace' }],
        publishedAt: '2024-05-03T18:00:00.000Z',
      }),
    ]);
    followedPaper = (await store.papers.findByArxivId('2404.99001'))!.id;
    fan = await store.users.create({ username: 'fan' });
    await store.follows.add({
      userId: fan,
      target: { kind: 'author', key: 'ada-lovelace' },
      now: '2024-04-01T00:00:00Z',
    });
    await addSubscriber(store, { email: 'fan@example.org', userId: fan, preferences: { forYou: false } });
    await addSubscriber(store, { email: 'anon@example.org', preferences: { forYou: false } });
    services = await digestServices({ store });
  });
  afterEach(async () => {
    services.close();
    await store.close();
  });

  const build = (day: string) =>
    buildDigests({
      store,
      search: services.search,
      kind: 'daily',
      day,
      now: new Date(`${day}T23:00:00.000Z`),
      settleHours: 6,
      recCorpus: () => loadRecCorpus({ store, today: day }),
    });
  const digestOf = async (email: string, periodKey: string) => {
    const subscription = (await store.subscriptions.findByEmail(email))!;
    const rows = [
      ...(await store.digestOutbox.listWithEmail({ status: 'pending', limit: 50 })),
      ...(await store.digestOutbox.listWithEmail({ status: 'skipped', limit: 50 })),
    ];
    return rows.find((r) => r.subscriptionId === subscription.id && r.periodKey === periodKey)!;
  };

  it('adds the followed author’s new paper to the account’s digest, under its own heading, and to no one else’s', async () => {
    await build('2024-05-01');
    const digest = await digestOf('fan@example.org', 'daily:2024-05-01');
    expect(digest.status).toBe('pending');
    expect(digest.content.following).toEqual([followedPaper]);
    expect((await digestOf('anon@example.org', 'daily:2024-05-01')).content.following).toBeUndefined();
    const mail = await createDigestComposer({ store, secret: TEST_SECRET, origin: 'https://papers.example' }).compose({
      outboxId: digest.id,
      subscription: { id: digest.subscriptionId, email: 'fan@example.org' },
      periodKey: digest.periodKey,
      content: digest.content,
    });
    expect(mail.text).toMatch(/From what you follow\n=+\n\n1\. Engines by Ada/);
    expect(mail.html).toContain('From what you follow');
    expect(mail.text).not.toContain('Published after the period');
  });

  it('never sends the same paper twice, even while it stays within the next digests’ look-back', async () => {
    await build('2024-05-01');
    await build('2024-05-02');
    const next = await digestOf('fan@example.org', 'daily:2024-05-02');
    expect(next.content.following ?? []).not.toContain(followedPaper);
  });

  it('leaves out of the section what an earlier section of the same digest already holds', () => {
    const { content } = chooseDigestContent({
      preferences: { maxPapers: 5, includeCategories: [], excludeCategories: [] },
      top: [{ paperId: 1, categories: ['cs.LG'] }],
      sent: new Set([3]),
      searches: [{ savedSearchId: 9, query: 'q', paperIds: [2] }],
      following: [1, 2, 3, 4],
    });
    expect(content.following).toEqual([4]);
    const nothing = chooseDigestContent({
      preferences: { maxPapers: 5, includeCategories: [], excludeCategories: [] },
      top: [],
      sent: new Set(),
      searches: [],
      following: [7],
    });
    expect(nothing.empty).toBe(false);
  });
});
