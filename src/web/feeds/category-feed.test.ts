import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { makePaper } from '../../../test/support/papers.js';
import { openStore, type Store } from '../../store/store.js';
import { feedparse } from './feeds.test-utils.js';

const ORIGIN = 'https://papers.example.org';

describe('category feeds', () => {
  let store: Store;
  let app: FastifyInstance;
  let syncSearch: () => Promise<void>;
  const ids = async (url: string) => {
    const parsed = feedparse((await app.inject(url)).body);
    expect(parsed.bozo, parsed.error).toBe(0);
    return parsed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''));
  };

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    const paper = (arxivId: string, primaryCategory: string, categories: string[], publishedAt: string) =>
      makePaper({ arxivId, primaryCategory, categories, publishedAt, updatedAt: publishedAt });
    await store.papers.upsertMany([
      paper('2405.00001', 'cs.CL', ['cs.CL'], '2024-05-01T10:00:00Z'),
      paper('2405.00002', 'cs.LG', ['cs.LG', 'cs.CL'], '2024-05-03T10:00:00Z'),
      paper('2405.00003', 'cs.CL', ['cs.CL', 'cs.AI'], '2024-05-02T10:00:00Z'),
      paper('2405.00004', 'cs.CV', ['cs.CV'], '2024-05-04T10:00:00Z'),
      paper('2405.00005', 'cs.CL', ['cs.CL'], '2024-04-01T10:00:00Z'),
    ]);
    ({ app, syncSearch } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN, DAILYPAPERS_FEEDS_MAX_ITEMS: '3' },
    }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('lists stored papers with the category among any of theirs, newest publication first, up to the item limit', async () => {
    expect(await ids('/feeds/category/cs.CL.rss')).toEqual(['2405.00002', '2405.00003', '2405.00001']);
    expect(await ids('/feeds/category/cs.CL.atom')).toEqual(['2405.00002', '2405.00003', '2405.00001']);
  });

  it('keeps to the primary category when asked', async () => {
    expect(await ids('/feeds/category/cs.CL.rss?scope=primary')).toEqual(['2405.00003', '2405.00001', '2405.00005']);
  });

  it('dates items by arXiv publication and dates the feed by its newest paper', async () => {
    const res = await app.inject('/feeds/category/cs.CL.atom');
    expect(res.headers['last-modified']).toBe(new Date('2024-05-03T10:00:00Z').toUTCString());
    const parsed = feedparse(res.body);
    expect(parsed.entries[0]!.time).toBe(Date.parse('2024-05-03T10:00:00Z') / 1000);
    expect(parsed.title).toBe('New in cs.CL · dailypapers');
  });

  it('links the search page that lists the same papers', async () => {
    const parsed = feedparse((await app.inject('/feeds/category/cs.CL.rss')).body);
    expect(parsed.link).toBe(`${ORIGIN}/search?category=cs.CL&sort=newest`);
    const page = (await app.inject('/search?category=cs.CL&sort=newest')).body;
    const onPage = [...page.matchAll(/class="card-title"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);
    expect(onPage.slice(0, 3)).toEqual(['2405.00002', '2405.00003', '2405.00001']);
  });

  it('picks up papers stored later once the search index has followed the store', async () => {
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2405.00009',
        primaryCategory: 'cs.CL',
        categories: ['cs.CL'],
        publishedAt: '2024-06-01T00:00:00Z',
      }),
    ]);
    await syncSearch();
    expect((await ids('/feeds/category/cs.CL.rss'))[0]).toBe('2405.00009');
  });

  it('answers an empty but valid feed for a category without papers', async () => {
    expect(await ids('/feeds/category/math.AG.rss')).toEqual([]);
  });

  it('refuses malformed categories with 400 and names without a feed extension with 404', async () => {
    const bad = await app.inject({ url: '/feeds/category/cs.CL;drop.rss', headers: { accept: 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('feeds.invalid_category');
    expect((await app.inject('/feeds/category/cs.CL')).statusCode).toBe(404);
    expect((await app.inject('/feeds/category/cs.CL.rss?scope=some')).statusCode).toBe(400);
  });
});
