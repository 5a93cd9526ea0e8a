import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { makePaper } from '../../../test/support/papers.js';
import { openStore, type Store } from '../../store/store.js';
import { feedparse } from '../feeds/feeds.test-utils.js';

const ORIGIN = 'https://papers.example.org';

// Author pages over a real store and server: what a reader and a feed reader get for one author.
describe('author pages', () => {
  let store: Store;
  let app: FastifyInstance;
  const cardIds = (body: string) =>
    [...body.matchAll(/class="card-title"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    const levy = { name: "Paul L\\'evy" };
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2401.00011',
        title: "Old L\\'evy paper",
        authors: [levy],
        publishedAt: '2024-01-05T00:00:00Z',
      }),
      makePaper({
        arxivId: '2403.00011',
        title: 'Newest one',
        authors: [{ name: 'Ada Lovelace' }, { name: 'Paul Lévy' }],
        publishedAt: '2024-03-05T00:00:00Z',
      }),
      makePaper({
        arxivId: '2402.00011',
        title: 'Middle one',
        authors: [{ name: 'PAUL LEVY' }, { name: 'Ada Lovelace' }],
        publishedAt: '2024-02-05T00:00:00Z',
      }),
      makePaper({
        arxivId: '2402.00012',
        title: 'Someone else',
        authors: [{ name: 'Paula Levy' }],
        publishedAt: '2024-02-06T00:00:00Z',
      }),
    ]);
    ({ app } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN, DAILYPAPERS_PAGES_PAGE_SIZE: '2' },
    }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('lists every paper of the author, newest first, two to a page, with co-authors and a visible feed link', async () => {
    const first = await app.inject('/authors/paul-levy');
    expect(first.statusCode).toBe(200);
    expect(cardIds(first.body)).toEqual(['2403.00011', '2402.00011']);
    expect(first.body).toContain('<h1>Paul Lévy</h1>');
    expect(first.body).toContain('3 papers in this library');
    expect(first.body).toContain(
      '<a class="author-link" href="/authors/ada-lovelace">Ada Lovelace</a> <span class="muted">(2)</span>',
    );
    expect(first.body).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Papers by Paul Lévy (RSS)" href="/feeds/authors/paul-levy.rss">',
    );
    expect(first.body).toMatch(/class="feed-link" href="\/feeds\/authors\/paul-levy\.atom"[^>]*>Atom</);
    const second = await app.inject('/authors/paul-levy?page=2');
    expect(cardIds(second.body)).toEqual(['2401.00011']);
    expect(second.body).toContain('Lévy paper'); // the title's TeX accent, decoded
  });

  it('sends any spelling of the name to the one canonical address', async () => {
    for (const path of ['/authors/Paul%20L%C3%A9vy', '/authors/PAUL-LEVY', "/authors/Paul%20L%5C'evy"]) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(301);
      expect(res.headers.location).toBe('/authors/paul-levy');
    }
    expect((await app.inject('/authors/Paul%20Levy?page=2')).headers.location).toBe('/authors/paul-levy?page=2');
  });

  it('answers 404 for a name with no papers, and for one without letters', async () => {
    expect((await app.inject('/authors/nobody-here')).statusCode).toBe(404);
    expect((await app.inject('/authors/---')).statusCode).toBe(404);
  });

  it('links author names on cards and paper pages to their author page', async () => {
    const paper = await app.inject('/papers/2402.00011');
    expect(paper.body).toContain('<a class="author-link" href="/authors/paul-levy">PAUL LEVY</a>');
  });

  it('offers the author as RSS and Atom, newest first, read by a real feed parser', async () => {
    for (const format of ['rss', 'atom']) {
      const res = await app.inject(`/feeds/authors/paul-levy.${format}`);
      expect(res.statusCode).toBe(200);
      const feed = feedparse(res.body);
      expect(feed.bozo, feed.error).toBe(0);
      expect(feed.title).toContain('Papers by Paul Lévy');
      expect(feed.entries.map((e) => e.link.replace(`${ORIGIN}/papers/`, ''))).toEqual([
        '2403.00011',
        '2402.00011',
        '2401.00011',
      ]);
      expect(feed.entries[2]!.title).toBe('Old Lévy paper');
      expect(feed.entries[2]!.authors).toEqual(['Paul Lévy']);
    }
    expect((await app.inject('/feeds/authors/nobody.rss')).statusCode).toBe(404);
  });
});
