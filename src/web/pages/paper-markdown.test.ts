import type { FastifyInstance } from 'fastify';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';

describe('GET /papers/{id}.md', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      {
        day: '2024-05-01',
        upvotes: 1,
        paper: {
          arxivId: '2405.00011',
          version: 2,
          title: 'Sparse <img src=x onerror=alert(1)>\n  mixtures of $k$ experts',
          abstract: 'We show that $\\alpha_i < \\beta$ and a<b hold.\n\n# not a heading\n\n- not a list',
          links: [{ kind: 'github', url: 'https://github.com/o/r' }],
          doi: '10.1000/x[1]',
        },
      },
      { day: '2024-05-02', paper: { arxivId: 'hep-th/9901001', title: 'Old style', withdrawn: true } },
    ]);
    ({ app } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('renders the paper page as Markdown with its facts and the abstract, TeX left as written', async () => {
    const res = await app.inject('/papers/2405.00011.md');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const md = res.body;
    expect(md.split('\n')[0]).toBe('# Sparse \\<img src=x onerror=alert(1)> mixtures of $k$ experts');
    expect(md).toContain('- **Authors:** Ada Lovelace, Alan Turing');
    expect(md).toContain(
      '- **arXiv:** [2405.00011](https://arxiv.org/abs/2405.00011) · [PDF](https://arxiv.org/pdf/2405.00011)',
    );
    expect(md).toContain('- **Code:** <https://github.com/o/r>');
    expect(md).toContain('- **Listed:** 1 May 2024 · 1 upvote');
    // "a<b" could open a tag, so it is escaped; "< \\beta" could not and stays.
    expect(md).toContain('We show that $\\alpha_i < \\beta$ and a\\<b hold.');
    expect(md).toContain('Page: <http://localhost:3000/papers/2405.00011>');
  });

  it('keeps abstract text from becoming HTML, headings or lists when rendered', async () => {
    const rendered = new MarkdownIt({ html: true }).render((await app.inject('/papers/2405.00011.md')).body);
    expect(rendered).not.toContain('<img');
    expect(rendered).toContain('&lt;img src=x');
    expect(rendered.match(/<h1>/g)).toHaveLength(1);
    expect(rendered).toContain('<p># not a heading</p>');
    expect(rendered).toContain('<p>- not a list</p>');
    expect(rendered).toContain('10.1000/x[1]</a>');
  });

  it('serves old-style ids, marks withdrawn papers, and answers 404 for unknown or impossible ids', async () => {
    const old = await app.inject('/papers/hep-th/9901001.md');
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('> **Withdrawn.**');
    for (const url of ['/papers/2405.99999.md', '/papers/1234.56789.md']) {
      expect((await app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it('is a public read: cacheable, readable cross-origin, and answered 304 when unchanged', async () => {
    const first = await app.inject({ url: '/papers/2405.00011.md', headers: { origin: 'https://elsewhere.example' } });
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await app.inject({
      url: '/papers/2405.00011.md',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});
