import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';

/** The page as a reader sees the text: highlight marks removed. */
async function page(app: FastifyInstance, url: string): Promise<string> {
  return (await app.inject(url)).body.replace(/<\/?mark>/g, '');
}

describe('search page', () => {
  let store: Store;
  let app: FastifyInstance;
  let syncSearch: () => Promise<void>;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      {
        day: '2024-05-01',
        paper: {
          arxivId: '2405.10001',
          title: 'Token mixing layers for sequence models',
          abstract: 'We study token mixing layers that replace attention in sequence models.',
          primaryCategory: 'cs.LG',
          categories: ['cs.LG'],
          links: [{ kind: 'github', url: 'https://github.com/a/mixer' }],
          publishedAt: '2024-04-30T10:00:00.000Z',
        },
      },
      {
        day: '2024-05-01',
        paper: {
          arxivId: '2405.10002',
          title: 'Mixup data augmentation revisited',
          abstract: 'Mixup interpolates training examples; we revisit mixing for augmentation.',
          primaryCategory: 'cs.CV',
          categories: ['cs.CV'],
          publishedAt: '2023-04-30T10:00:00.000Z',
        },
      },
      {
        day: '2024-05-02',
        paper: {
          arxivId: '2405.10003',
          title: 'Turbulent mixing layers in the <solar> atmosphere & corona',
          abstract: 'Observations of a <solar> mixing layer & its dynamics.',
          primaryCategory: 'astro-ph.SR',
          categories: ['astro-ph.SR'],
          publishedAt: '2024-01-30T10:00:00.000Z',
        },
      },
    ]);
    ({ app, syncSearch } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('finds papers by keyword with highlighted matches, a result count and facets', async () => {
    const res = await app.inject('/search?q=mixing+layers');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Token <mark>mixing</mark> <mark>layers</mark>');
    expect(res.body).toMatch(/\d+ papers?/);
    // A signed-out reader can follow the search; this site sends no mail (no mail.smtpUrl), so as a feed.
    expect(res.body).toContain(
      'class="button button-small alert-me" href="/feeds/search.rss?q=mixing+layers&amp;sort=newest"',
    );
    expect(res.body).toContain('href="/search?q=mixing+layers&amp;category=cs.LG">cs.LG</a>');
  });

  it('applies exclusions, categories, years and has-code filters', async () => {
    const excluded = await page(app, '/search?q=mixing+-mixup');
    expect(excluded).not.toContain('Mixup data augmentation');
    const category = await page(app, '/search?q=mixing&category=astro-ph.SR');
    expect(category).toMatch(/atmosphere &(?:amp|#38); corona/);
    expect(category).not.toContain('Token mixing');
    const code = await page(app, '/search?q=mixing&has_code=true');
    expect(code).toContain('Token mixing');
    expect(code).not.toContain('solar atmosphere');
    const year = await page(app, '/search?q=mixing&year=2023');
    expect(year).toContain('Mixup data augmentation');
    expect(year).not.toContain('Token mixing');
  });

  it('escapes paper text in results', async () => {
    const body = await page(app, '/search?q=solar');
    expect(body).toMatch(/&(?:lt|#60);solar&(?:gt|#62); atmosphere &(?:amp|#38); corona/);
    expect(body).not.toContain('<solar>');
  });

  it('never answers hostile query strings with a server error', async () => {
    for (const q of [
      '"unbalanced',
      'AND(',
      '*',
      'title:',
      'NEAR(a b)',
      '\u0000',
      '🙂'.repeat(500),
      '-',
      '"" -""',
      'cat:',
    ]) {
      const res = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
    }
    expect((await app.inject(`/search?q=${'a'.repeat(3000)}`)).statusCode).toBe(400);
  });

  it('searches by example with a pasted abstract', async () => {
    const res = await app.inject(
      `/search?like=${encodeURIComponent('attention replaced by token mixing layers in sequence models')}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body.indexOf('Token mixing layers')).toBeGreaterThan(-1);
  });

  it('shows similar papers on a paper page', async () => {
    const res = await app.inject('/papers/2405.10001');
    expect(res.body).toMatch(/id="similar-papers"[\s\S]*href="\/papers\/2405\.1000[23]"/);
  });

  it('finds a paper added to the store after the index followed the change sequence', async () => {
    await seedListed(store, [
      { day: '2024-05-03', paper: { arxivId: '2405.10009', title: 'Quasicrystal zebra bounds' } },
    ]);
    expect((await app.inject('/search?q=quasicrystal+zebra')).body).not.toContain('2405.10009');
    await syncSearch();
    expect(await page(app, '/search?q=quasicrystal+zebra')).toContain('Quasicrystal zebra bounds');
  });
});

describe('search API', () => {
  it('returns hits with highlights, totals and facets, and similar papers by id', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      {
        day: '2024-05-01',
        paper: {
          arxivId: '2405.20001',
          title: 'Sparse mixture of experts routing',
          abstract: 'Load balancing loss for mixture of experts.',
        },
      },
      {
        day: '2024-05-01',
        paper: {
          arxivId: '2405.20002',
          title: 'Expert routing without load balancing loss',
          abstract: 'Mixture of experts routing again.',
        },
      },
    ]);
    const { app } = await buildTestApp({ store });
    const res = await app.inject('/api/v1/search?q=load+balancing+loss&limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0].highlightedTitle).toContain('<mark>');
    expect(body.facets.year[0]).toEqual({ value: 2024, count: 2, exact: true });
    const similarRes = await app.inject('/api/v1/similar/2405.20001');
    const similar = similarRes.json();
    expect(similarRes.statusCode, similarRes.body).toBe(200);
    expect(similar.items.map((p: { id: string }) => p.id)).toEqual(['2405.20002']);
    expect((await app.inject('/api/v1/similar/2405.99999')).statusCode).toBe(404);
    expect((await app.inject(`/api/v1/search?q=${'x'.repeat(2001)}`)).json().error.code).toBe('request.invalid');
    await app.close();
    await store.close();
  });
});
