import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { makePaper } from '../../../test/support/papers.js';
import { openStore, type Store } from '../../store/store.js';
import { makeToken, withToken } from '../api/tokens.test-utils.js';
import { makeUser, TestClient } from '../pages/community.test-utils.js';
import { savedSearchFeedLinks } from './feed-links.js';
import { feedparse } from './feeds.test-utils.js';

const ORIGIN = 'https://papers.example.org';

// Search, saved-search, collection and user feeds, each read by a real feed parser and compared with the page
// it mirrors.
describe('search, collection and user feeds', () => {
  let store: Store;
  let app: FastifyInstance;
  let publicId: number;
  let privateId: number;
  const ids = (body: string) => feedparse(body).entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''));
  const searchHits = (body: string) =>
    [...body.matchAll(/class="card-title"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);
  const parsedOk = async (url: string) => {
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(200);
    const parsed = feedparse(res.body);
    expect(parsed.bozo, `${url}: ${parsed.error}`).toBe(0);
    return { res, parsed };
  };

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    const paper = (arxivId: string, title: string, publishedAt: string, categories = ['cs.CL']) =>
      makePaper({ arxivId, title, publishedAt, categories, primaryCategory: categories[0]! });
    await store.papers.upsertMany([
      paper('2406.60001', 'Sparse transformer layers for long documents', '2024-06-01T00:00:00Z'),
      paper('2406.60002', 'A transformer for $\\alpha$-stable noise & <b>tags</b>', '2024-06-03T00:00:00Z'),
      paper('2406.60003', 'Transformer circuits in vision', '2024-06-02T00:00:00Z', ['cs.CV']),
      paper('2406.60004', 'Graph kernels revisited', '2024-06-04T00:00:00Z'),
    ]);
    ({ app } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN, DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0' },
    }));
    await makeUser(store, { username: 'ada' });
    const { token } = await makeToken(store, { username: 'ada', scope: 'write' });
    for (const arxivId of ['2406.60001', '2406.60004', '2406.60002'])
      expect((await withToken(app, token, 'POST', '/api/v1/submissions', { arxivId })).statusCode).toBe(201);
    publicId = (await withToken(app, token, 'POST', '/api/v1/collections', { name: 'Reading <list>' })).json().id;
    privateId = (await withToken(app, token, 'POST', '/api/v1/collections', { name: 'Secret', isPublic: false })).json()
      .id;
    for (const [id, paperId] of [
      [publicId, '2406.60003'],
      [publicId, '2406.60001'],
      [privateId, '2406.60004'],
    ] as const) {
      await withToken(app, token, 'POST', `/api/v1/collections/${id}/items`, { paper: paperId, contains: true });
    }
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('lists any search as the search page shows it, as RSS and Atom', async () => {
    const query = 'q=transformer&category=cs.CL&sort=newest';
    const onPage = searchHits((await app.inject(`/search?${query}`)).body);
    expect(onPage).toEqual(['2406.60002', '2406.60001']);
    for (const format of ['rss', 'atom']) {
      const { parsed } = await parsedOk(`/feeds/search.${format}?${query}`);
      expect(parsed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''))).toEqual(onPage);
      expect(parsed.link).toBe(`${ORIGIN}/search?${query}`);
      expect(parsed.title).toBe('Search: “transformer” in cs.CL · dailypapers');
      const tricky = parsed.entries.find((e) => e.link.endsWith('2406.60002'))!;
      expect(tricky.title).toBe('A transformer for $\\alpha$-stable noise & <b>tags</b>');
      expect(tricky.time).toBe(Date.parse('2024-06-03T00:00:00Z') / 1000);
    }
    // Relevance order, the page's default, is kept too.
    expect(ids((await app.inject('/feeds/search.rss?q=transformer')).body)).toEqual(
      searchHits((await app.inject('/search?q=transformer')).body),
    );
  });

  it('follows a saved search of the e-mail digest as a newest-first search feed', async () => {
    const [rss, atom] = savedSearchFeedLinks({ query: 'transformer', category: '', hasCode: false });
    expect(rss!.href).toBe('/feeds/search.rss?q=transformer&sort=newest');
    expect(atom!.type).toBe('application/atom+xml');
    const { parsed } = await parsedOk(rss!.href);
    expect(parsed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''))).toEqual(
      searchHits((await app.inject('/search?q=transformer&sort=newest')).body),
    );
    expect(parsed.entries).toHaveLength(3);
  });

  it('refuses a search feed without words or filters, and a malformed filter, with 400', async () => {
    const empty = await app.inject({ url: '/feeds/search.rss?q=%20', headers: { accept: 'application/json' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('feeds.empty_search');
    expect((await app.inject('/feeds/search.rss?q=x&category=cs.CL;drop')).statusCode).toBe(400);
  });

  it('lists a public collection as its page does, most recently added first', async () => {
    const full = (await app.inject(`/collections/${publicId}`)).body;
    // The collection's own papers, not the "More like this collection" list under them.
    const page = full.includes('id="more-like-this"') ? full.slice(0, full.indexOf('id="more-like-this"')) : full;
    const onPage = [...page.matchAll(/id="paper-([^"]+)"/g)].map((m) => m[1]!);
    expect(onPage).toEqual(['2406.60001', '2406.60003']);
    for (const format of ['rss', 'atom']) {
      const { parsed, res } = await parsedOk(`/feeds/collections/${publicId}.${format}`);
      expect(parsed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''))).toEqual(onPage);
      expect(parsed.title).toBe('Reading <list>, a collection by ada · dailypapers');
      expect(parsed.link).toBe(`${ORIGIN}/collections/${publicId}`);
      expect(res.headers.etag).toMatch(/^W\//);
    }
  });

  it('answers 404 for private, unknown and malformed collections, even to their owner', async () => {
    expect((await app.inject(`/feeds/collections/${privateId}.rss`)).statusCode).toBe(404);
    expect((await app.inject('/feeds/collections/999.atom')).statusCode).toBe(404);
    expect((await app.inject('/feeds/collections/abc.rss')).statusCode).toBe(404);
    expect((await app.inject(`/feeds/collections/${publicId}`)).statusCode).toBe(404);
  });

  it("lists a user's submissions as their profile does, newest first, dated by listing", async () => {
    const profile = (await app.inject('/u/ada')).body;
    const section = profile.slice(profile.indexOf('<h2>Submitted papers</h2>'), profile.indexOf('</section>'));
    const onProfile = [...section.matchAll(/<a href="\/papers\/([^"]+)">/g)].map((m) => m[1]!);
    expect(onProfile).toEqual(['2406.60002', '2406.60004', '2406.60001']);
    for (const format of ['rss', 'atom']) {
      const { parsed } = await parsedOk(`/feeds/users/ada.${format}`);
      expect(parsed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''))).toEqual(onProfile);
      expect(parsed.title).toBe('Submitted by ada · dailypapers');
      expect(parsed.entries[0]!.content).toContain('Submitted by ada');
    }
    const listing = await store.listings.findByPaperId((await store.papers.findByArxivId('2406.60002'))!.id);
    expect(feedparse((await app.inject('/feeds/users/ada.rss')).body).entries[0]!.time).toBe(
      Math.floor(Date.parse(listing!.createdAt) / 1000),
    );
    expect((await app.inject('/feeds/users/nobody.rss')).statusCode).toBe(404);
  });

  it('links each feed from its page with <link rel="alternate">, and none for private collections', async () => {
    const search = (await app.inject('/search?q=transformer&category=cs.CL')).body;
    expect(search).toContain(
      '<link rel="alternate" type="application/rss+xml" title="This search (RSS)" href="/feeds/search.rss?q=transformer&amp;category=cs.CL">',
    );
    expect((await app.inject('/search')).body).not.toContain('/feeds/search');
    expect((await app.inject(`/collections/${publicId}`)).body).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Reading &lt;list&gt; (Atom)" href="/feeds/collections/${publicId}.atom">`,
    );
    const owner = new TestClient(app);
    await owner.signIn('ada');
    // Only the owner's tokenised "more like this" feed link (not announced in <head>), never the collection's own.
    const own = (await owner.get(`/collections/${privateId}`)).body;
    expect(own).not.toContain(`/feeds/collections/${privateId}.`);
    expect(own).not.toMatch(/<link rel="alternate"[^>]*\/feeds\/collections\//);
    expect((await app.inject('/u/ada')).body).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Submitted by ada (RSS)" href="/feeds/users/ada.rss">',
    );
  });
});
