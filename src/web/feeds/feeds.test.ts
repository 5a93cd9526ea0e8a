import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';
import { feedparse, type Parsed } from './feeds.test-utils.js';

const ORIGIN = 'https://papers.example.org';
const TRICKY_TITLE = 'Why $O(n^2) < O(n^3)$ & <b>bold</b> claims ]]> fail';
const TRICKY_ABSTRACT =
  'We prove $\\alpha \\le \\beta$ for all\n  $x_i$.\u0001 Stray < and & too.\n\nSecond paragraph ]]> here.';

describe('RSS and Atom feeds', () => {
  let store: Store;
  let app: FastifyInstance;
  const pageIds = async (url: string) =>
    [...(await app.inject(url)).body.matchAll(/id="paper-([^"]+)"/g)].map((m) => m[1]!);
  const feedIds = (parsed: Parsed) => parsed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''));

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    const today = new Date().toISOString().slice(0, 10);
    await seedListed(store, [
      {
        day: '2024-05-01',
        upvotes: 2,
        createdAt: '2024-05-01T08:00:00.000Z',
        paper: {
          arxivId: '2405.00011',
          title: TRICKY_TITLE,
          abstract: TRICKY_ABSTRACT,
          categories: ['cs.CL', 'cs.LG'],
          primaryCategory: 'cs.CL',
        },
      },
      { day: '2024-05-01', upvotes: 5, createdAt: '2024-05-01T09:30:00.000Z', paper: { arxivId: '2405.00012' } },
      { day: '2024-05-01', createdAt: '2024-05-01T10:00:00.000Z', paper: { arxivId: 'hep-th/9901001', authors: [] } },
      { day: today, upvotes: 3, paper: { arxivId: '2405.00014' } },
      { day: today, upvotes: 1, paper: { arxivId: '2405.00015' } },
    ]);
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN } }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('parses without errors as RSS 2.0 and Atom, with the same items as the daily page', async () => {
    const onPage = await pageIds('/papers?date=2024-05-01');
    expect(onPage).toHaveLength(3);
    for (const [format, version] of [
      ['rss', 'rss20'],
      ['atom', 'atom10'],
    ] as const) {
      const res = await app.inject(`/feeds/daily.${format}?date=2024-05-01`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(`application/${format}+xml; charset=utf-8`);
      const parsed = feedparse(res.body);
      expect(parsed, parsed.error).toMatchObject({ bozo: 0, version });
      expect(parsed.link).toBe(`${ORIGIN}/papers?date=2024-05-01`);
      expect(feedIds(parsed).sort()).toEqual([...onPage].sort());
    }
  });

  it('gives each item a stable id (the paper URL), its listing time, authors, categories and a readable abstract', async () => {
    for (const format of ['rss', 'atom']) {
      const parsed = feedparse((await app.inject(`/feeds/daily.${format}?date=2024-05-01`)).body);
      const tricky = parsed.entries.find((e) => e.link.endsWith('/2405.00011'))!;
      expect(tricky.id, format).toBe(`${ORIGIN}/papers/2405.00011`);
      expect(tricky.title, format).toBe(TRICKY_TITLE);
      expect(tricky.time, format).toBe(Date.parse('2024-05-01T08:00:00.000Z') / 1000);
      expect(tricky.authors, format).toEqual(['Ada Lovelace', 'Alan Turing']);
      expect(tricky.tags, format).toEqual(['cs.CL', 'cs.LG']);
      expect(tricky.summary, format).toContain('We prove $\\alpha \\le \\beta$ for all $x_i$.');
      expect(tricky.content, format).toContain('<p>Second paragraph ]]&gt; here.</p>');
      expect(tricky.content, format).toContain('Stray &lt; and &amp; too.');
      expect(tricky.content, format).not.toContain('\u0001');
      expect(parsed.entries.find((e) => e.link.endsWith('/hep-th/9901001'))!.id).toBe(
        `${ORIGIN}/papers/hep-th/9901001`,
      );
    }
  });

  it('follows the latest listed day when no period is given, like the front page', async () => {
    const parsed = feedparse((await app.inject('/feeds/daily.rss')).body);
    expect(parsed.bozo).toBe(0);
    expect(feedIds(parsed).sort()).toEqual((await pageIds('/')).sort());
    expect(feedIds(parsed).sort()).toEqual(['2405.00014', '2405.00015']);
  });

  it('lists trending papers in the order of the trending page', async () => {
    for (const format of ['rss', 'atom']) {
      const parsed = feedparse((await app.inject(`/feeds/trending.${format}`)).body);
      expect(parsed.bozo).toBe(0);
      expect(feedIds(parsed)).toEqual(await pageIds('/trending'));
    }
  });

  it('links the matching feeds from the daily page head', async () => {
    const body = (await app.inject('/papers?date=2024-05-01')).body;
    expect(body).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Daily papers (RSS)" href="/feeds/daily.rss?date=2024-05-01">',
    );
    expect(body).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Daily papers (Atom)" href="/feeds/daily.atom?date=2024-05-01">',
    );
    expect((await app.inject('/')).body).toContain('href="/feeds/daily.rss"');
  });

  it('sends Last-Modified and ETag, and answers 304 to either validator until the list changes', async () => {
    const first = await app.inject('/feeds/daily.atom?date=2024-05-01');
    expect(first.headers['last-modified']).toBe(new Date('2024-05-01T10:00:00.000Z').toUTCString());
    expect(first.headers.etag).toMatch(/^W\/"/);
    const byEtag = await app.inject({
      url: '/feeds/daily.atom?date=2024-05-01',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(byEtag.statusCode).toBe(304);
    expect(byEtag.body).toBe('');
    const byDate = await app.inject({
      url: '/feeds/daily.atom?date=2024-05-01',
      headers: { 'if-modified-since': String(first.headers['last-modified']) },
    });
    expect(byDate.statusCode).toBe(304);
    // The same bytes on every request: nothing in a feed depends on the clock.
    expect((await app.inject('/feeds/daily.atom?date=2024-05-01')).body).toBe(first.body);

    await seedListed(store, [
      { day: '2024-05-01', createdAt: '2024-05-01T11:00:00.000Z', paper: { arxivId: '2405.00016' } },
    ]);
    const changed = await app.inject({
      url: '/feeds/daily.atom?date=2024-05-01',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(changed.headers['last-modified']).toBe(new Date('2024-05-01T11:00:00.000Z').toUTCString());
    const staleDate = await app.inject({
      url: '/feeds/daily.atom?date=2024-05-01',
      headers: { 'if-modified-since': String(first.headers['last-modified']) },
    });
    expect(staleDate.statusCode).toBe(200);
  });

  it('sends no Last-Modified for trending, whose order changes with every vote and hour', async () => {
    const res = await app.inject('/feeds/trending.rss');
    expect(res.headers['last-modified']).toBeUndefined();
    expect(res.headers.etag).toBeDefined();
  });

  it('refuses invalid periods with a clear 400 and unknown formats with 404', async () => {
    const bad = await app.inject({ url: '/feeds/daily.rss?date=2024-02-30', headers: { accept: 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('papers.invalid_date');
    expect((await app.inject('/feeds/daily.json')).statusCode).toBe(404);
  });
});
