import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';

describe('HTML pages', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      { day: '2024-05-01', upvotes: 1, paper: { arxivId: '2405.00001', title: 'Mixing layers for <b>tokens</b>' } },
      {
        day: '2024-05-01',
        upvotes: 5,
        paper: {
          arxivId: '2405.00002',
          title: 'Most upvoted of the day',
          abstract: 'We bound $\\alpha < \\beta$ & more.',
        },
      },
      { day: '2024-05-03', upvotes: 0, paper: { arxivId: '2405.00003', title: 'Later paper' } },
      {
        day: '2024-04-28',
        paper: {
          arxivId: 'hep-th/9901001',
          title: 'An old-style id',
          links: [{ kind: 'github', url: 'https://github.com/o/r' }],
        },
      },
    ]);
    ({ app } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows a day sorted by upvotes with links to the neighbouring days that have papers', async () => {
    const res = await app.inject('/papers?date=2024-05-01');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body.indexOf('Most upvoted of the day')).toBeLessThan(body.indexOf('Mixing layers'));
    expect(body).toContain('href="/papers?date=2024-04-28"');
    expect(body).toContain('href="/papers?date=2024-05-03"');
    expect(body).toContain('Wednesday, 1 May 2024');
  });

  it('escapes titles and renders TeX in abstracts', async () => {
    const body = (await app.inject('/papers?date=2024-05-01')).body;
    expect(body).toContain('&lt;b&gt;tokens&lt;/b&gt;');
    expect(body).not.toContain('<b>tokens</b>');
    expect(body).toContain('class="katex"');
  });

  it('shows the latest day with papers on the home page', async () => {
    const body = (await app.inject('/')).body;
    expect(body).toContain('Later paper');
    expect(body).not.toContain('Most upvoted of the day');
  });

  it('shows ISO week and month views', async () => {
    const week = (await app.inject('/papers?week=2024-W18')).body;
    for (const title of ['Mixing layers', 'Most upvoted of the day', 'Later paper']) expect(week).toContain(title);
    expect(week).not.toContain('An old-style id');
    const month = (await app.inject('/papers?month=2024-04')).body;
    expect(month).toContain('An old-style id');
    expect(month).not.toContain('Later paper');
  });

  it('answers impossible dates and weeks with a 400 page naming the problem', async () => {
    for (const query of ['date=2024-13-45', 'week=2024-W60', 'month=2024-00', 'date=2024-05-01&week=2024-W18']) {
      const res = await app.inject(`/papers?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
    }
    expect((await app.inject('/papers?date=2024-13-45')).body).toContain('is not a valid date');
  });

  it('renders a paper page by new-style, old-style and versioned ids', async () => {
    const res = await app.inject('/papers/hep-th/9901001');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('An old-style id');
    expect(res.body).toContain('https://arxiv.org/pdf/hep-th/9901001');
    expect(res.body).toContain('https://github.com/o/r');
    expect((await app.inject('/papers/2405.00002v3')).body).toContain('Most upvoted of the day');
  });

  it('answers unknown papers with 404 and non-arXiv ids with 400', async () => {
    expect((await app.inject('/papers/2405.99999')).statusCode).toBe(404);
    const bad = await app.inject('/papers/not-an-id');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not an arXiv id');
  });

  it('has a real 404 page for unknown routes', async () => {
    const res = await app.inject('/no/such/page');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Not found');
  });

  it('sends security headers and a content security policy', async () => {
    const res = await app.inject('/');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('serves static assets with cache headers', async () => {
    const css = await app.inject('/static/app.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('max-age');
    expect((await app.inject('/static/katex/katex.min.css')).statusCode).toBe(200);
  });

  it('orders by trending and explains the formula', async () => {
    const trending = await app.inject('/papers?week=2024-W18&sort=trending');
    expect(trending.statusCode).toBe(200);
    const about = await app.inject('/about/trending');
    expect(about.body).toContain('halves every');
  });
});
