import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

const NOW = '2024-03-10T12:00:00.000Z';
const SINCE = '2024-02-01T00:00:00.000Z';

async function user(store: Store, username: string) {
  return store.users.create({
    username,
    email: `${username}@example.org`,
    passwordHash: null,
    role: 'user',
    emailVerifiedAt: NOW,
  });
}

// The follows table and the /following query, on both dialects.
describe.each(storeFactories)('follows on $dialect', (factory) => {
  let store: Store;
  let reader: number;
  let curator: number;
  const id = new Map<string, number>();

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    reader = await user(store, 'reader');
    curator = await user(store, 'curator');
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2402.00001',
        authors: [{ name: 'Ada Lovelace' }],
        categories: ['math.CO'],
        primaryCategory: 'math.CO',
        publishedAt: '2024-02-05T00:00:00.000Z',
      }),
      makePaper({
        arxivId: '2402.00002',
        authors: [{ name: 'Grace Hopper' }],
        categories: ['cs.LG', 'stat.ML'],
        primaryCategory: 'cs.LG',
        publishedAt: '2024-02-06T00:00:00.000Z',
      }),
      // cs.LGX is not cs.LG: the category match is on whole names.
      makePaper({
        arxivId: '2402.00003',
        authors: [{ name: 'Nobody Followed' }],
        categories: ['cs.LGX'],
        primaryCategory: 'cs.LGX',
        publishedAt: '2024-02-07T00:00:00.000Z',
      }),
      // Both by a followed author and in a followed category: one entry, two reasons.
      makePaper({
        arxivId: '2402.00004',
        authors: [{ name: 'Ada Lovelace' }, { name: 'Grace Hopper' }],
        categories: ['stat.ML'],
        primaryCategory: 'stat.ML',
        publishedAt: '2024-02-08T00:00:00.000Z',
      }),
      // Before the window.
      makePaper({
        arxivId: '2312.00005',
        authors: [{ name: 'Ada Lovelace' }],
        categories: ['cs.LG'],
        primaryCategory: 'cs.LG',
        publishedAt: '2023-12-01T00:00:00.000Z',
      }),
      makePaper({
        arxivId: '2402.00006',
        authors: [{ name: 'Ada Lovelace' }],
        categories: ['math.CO'],
        primaryCategory: 'math.CO',
        publishedAt: '2024-02-09T00:00:00.000Z',
        withdrawn: true,
      }),
    ]);
    for (const p of await store.papers.findByIds([1, 2, 3, 4, 5, 6])) id.set(p.arxivId, p.id);
  });
  afterEach(async () => {
    await store.close();
  });

  const page = (opts: { limit?: number; offset?: number; hits?: Array<{ paperId: number; savedSearchId: number }> }) =>
    store.follows.papers({
      userId: reader,
      since: SINCE,
      savedSearchHits: opts.hits ?? [],
      limit: opts.limit ?? 50,
      offset: opts.offset ?? 0,
    });
  const arxiv = (refs: Array<{ paperId: number }>) =>
    refs.map((r) => [...id.entries()].find(([, v]) => v === r.paperId)![0]);

  it('following twice keeps one follow; unfollowing says whether there was one', async () => {
    const target = { kind: 'author' as const, key: 'ada-lovelace' };
    expect(await store.follows.add({ userId: reader, target, now: NOW })).toBe(true);
    expect(await store.follows.add({ userId: reader, target, now: NOW })).toBe(false);
    expect(await store.follows.listByUser(reader)).toEqual([
      { userId: reader, kind: 'author', key: 'ada-lovelace', createdAt: NOW },
    ]);
    expect(await store.follows.countByUser(reader)).toBe(1);
    expect(await store.follows.remove({ userId: reader, target })).toBe(true);
    expect(await store.follows.remove({ userId: reader, target })).toBe(false);
    expect(await store.follows.listByUser(reader)).toEqual([]);
  });

  it('tells which of a page’s targets the reader follows, and who follows an author', async () => {
    await store.follows.add({ userId: reader, target: { kind: 'author', key: 'ada-lovelace' }, now: NOW });
    await store.follows.add({ userId: curator, target: { kind: 'author', key: 'ada-lovelace' }, now: NOW });
    await store.follows.add({ userId: curator, target: { kind: 'category', key: 'ada-lovelace' }, now: NOW });
    const among = await store.follows.followedAmong(reader, [
      { kind: 'author', key: 'ada-lovelace' },
      { kind: 'author', key: 'grace-hopper' },
    ]);
    expect([...among]).toEqual(['author ada-lovelace']);
    const followers = await store.follows.followersOf('author', ['ada-lovelace', 'grace-hopper']);
    expect(Object.fromEntries(followers)).toEqual({ 'ada-lovelace': [reader, curator].sort((a, b) => a - b) });
  });

  it('lists new papers of followed authors and categories, newest first, each with all its reasons', async () => {
    await store.follows.add({ userId: reader, target: { kind: 'author', key: 'ada-lovelace' }, now: NOW });
    await store.follows.add({ userId: reader, target: { kind: 'category', key: 'stat.ML' }, now: NOW });
    await store.follows.add({ userId: reader, target: { kind: 'category', key: 'cs.lg' }, now: NOW });
    // Another reader's follows change nothing for this one.
    await store.follows.add({ userId: curator, target: { kind: 'author', key: 'nobody-followed' }, now: NOW });
    const refs = await page({});
    expect(arxiv(refs)).toEqual(['2402.00004', '2402.00002', '2402.00001']);
    expect(refs[0]!.reasons).toEqual([
      { kind: 'author', key: 'ada-lovelace' },
      { kind: 'category', key: 'stat.ML' },
    ]);
    expect(refs[1]!.reasons).toEqual([
      { kind: 'category', key: 'cs.lg' },
      { kind: 'category', key: 'stat.ML' },
    ]);
    expect(refs[2]!.at).toMatch(/^2024-02-05T00:00:00/);
  });

  it('pages through the list with limit and offset', async () => {
    await store.follows.add({ userId: reader, target: { kind: 'author', key: 'ada-lovelace' }, now: NOW });
    await store.follows.add({ userId: reader, target: { kind: 'category', key: 'cs.LG' }, now: NOW });
    expect(arxiv(await page({ limit: 2 }))).toEqual(['2402.00004', '2402.00002']);
    expect(arxiv(await page({ limit: 2, offset: 2 }))).toEqual(['2402.00001']);
    expect(await page({ limit: 2, offset: 4 })).toEqual([]);
  });

  it('pages one paper at a time through categories and authors without losing or repeating any', async () => {
    await store.follows.add({ userId: reader, target: { kind: 'author', key: 'ada-lovelace' }, now: NOW });
    await store.follows.add({ userId: reader, target: { kind: 'category', key: 'stat.ML' }, now: NOW });
    await store.follows.add({ userId: reader, target: { kind: 'category', key: 'math.CO' }, now: NOW });
    const pages = [];
    for (let offset = 0; offset < 4; offset++) pages.push(arxiv(await page({ limit: 1, offset })));
    expect(pages).toEqual([['2402.00004'], ['2402.00002'], ['2402.00001'], []]);
    const third = await page({ limit: 1, offset: 2 });
    expect(third[0]!.reasons).toEqual([
      { kind: 'author', key: 'ada-lovelace' },
      { kind: 'category', key: 'math.CO' },
    ]);
  });

  it('counts a paper added to another reader’s public collection when it was added, and drops it once private', async () => {
    const collection = await store.collections.create({
      userId: curator,
      name: 'Old favourites',
      description: '',
      isPublic: true,
      now: NOW,
    });
    await store.collections.addPaper(collection, id.get('2312.00005')!, '2024-03-01T00:00:00.000Z');
    await store.follows.add({ userId: reader, target: { kind: 'collection', key: String(collection) }, now: NOW });
    await store.follows.add({ userId: reader, target: { kind: 'category', key: 'math.CO' }, now: NOW });
    const refs = await page({});
    expect(arxiv(refs)).toEqual(['2312.00005', '2402.00001']);
    expect(refs[0]!.reasons).toEqual([{ kind: 'collection', key: String(collection) }]);
    expect(refs[0]!.at).toMatch(/^2024-03-01T00:00:00/);
    await store.collections.update(collection, { name: 'Old favourites', description: '', isPublic: false, now: NOW });
    expect(arxiv(await page({}))).toEqual(['2402.00001']);
  });

  it('counts a paper attributed to a followed organization from its attribution, in the window and not withdrawn', async () => {
    const org = await store.organizations.create({
      slug: 'lab',
      name: 'Lab',
      description: '',
      userId: curator,
      now: NOW,
    });
    const other = await store.organizations.create({
      slug: 'other',
      name: 'Other',
      description: '',
      userId: curator,
      now: NOW,
    });
    const attribute = (arxivId: string, orgId: number, at: string) =>
      store.organizations.attribute({ paperId: id.get(arxivId)!, orgId, userId: curator, now: at });
    await attribute('2312.00005', org, '2024-03-01T00:00:00.000Z'); // an older paper, attributed in the window
    await attribute('2402.00001', org, '2024-01-01T00:00:00.000Z'); // attributed before the window
    await attribute('2402.00006', org, '2024-03-02T00:00:00.000Z'); // withdrawn
    await attribute('2402.00002', other, '2024-03-03T00:00:00.000Z'); // another organization
    await store.follows.add({ userId: reader, target: { kind: 'organization', key: String(org) }, now: NOW });
    // A key that is not an id must not break the query on PostgreSQL (no cast of other kinds' keys).
    await store.follows.add({ userId: reader, target: { kind: 'author', key: 'nobody-here' }, now: NOW });
    const refs = await page({});
    expect(arxiv(refs)).toEqual(['2312.00005']);
    expect(refs[0]!.reasons).toEqual([{ kind: 'organization', key: String(org) }]);
    expect(refs[0]!.at).toMatch(/^2024-03-01T00:00:00/);
  });

  it('ignores a follow of one’s own collection', async () => {
    const own = await store.collections.create({
      userId: reader,
      name: 'Mine',
      description: '',
      isPublic: true,
      now: NOW,
    });
    await store.collections.addPaper(own, id.get('2402.00001')!, NOW);
    await store.follows.add({ userId: reader, target: { kind: 'collection', key: String(own) }, now: NOW });
    expect(await page({})).toEqual([]);
  });

  it('joins saved-search matches found by the search index, within the window and not withdrawn', async () => {
    const refs = await page({
      hits: [
        { paperId: id.get('2402.00003')!, savedSearchId: 7 },
        { paperId: id.get('2312.00005')!, savedSearchId: 7 },
        { paperId: id.get('2402.00006')!, savedSearchId: 7 },
        { paperId: id.get('2402.00003')!, savedSearchId: 9 },
      ],
    });
    expect(arxiv(refs)).toEqual(['2402.00003']);
    expect(refs[0]!.reasons).toEqual([
      { kind: 'saved_search', key: '7' },
      { kind: 'saved_search', key: '9' },
    ]);
  });

  it('tells which readers follow anything, and bounds the list above when asked (a digest of a past period)', async () => {
    await store.follows.add({ userId: reader, target: { kind: 'author', key: 'ada-lovelace' }, now: NOW });
    expect([...(await store.follows.usersWithFollows([reader, curator]))]).toEqual([reader]);
    const until = await store.follows.papers({
      userId: reader,
      since: SINCE,
      until: '2024-02-08T00:00:00.000Z',
      savedSearchHits: [],
      limit: 10,
      offset: 0,
    });
    expect(arxiv(until)).toEqual(['2402.00001']);
  });

  it('keeps one feed generation per reader: rotating replaces it, revoking removes it', async () => {
    expect(await store.follows.feedGeneration(reader)).toBeNull();
    await store.follows.rotateFeedGeneration({ userId: reader, generation: 'g1', now: NOW });
    await store.follows.rotateFeedGeneration({ userId: reader, generation: 'g2', now: NOW });
    expect(await store.follows.feedGeneration(reader)).toBe('g2');
    expect(await store.follows.revokeFeed(reader)).toBe(true);
    expect(await store.follows.feedGeneration(reader)).toBeNull();
    expect(await store.follows.revokeFeed(reader)).toBe(false);
  });
});
