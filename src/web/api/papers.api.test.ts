import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';

describe('JSON API', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      { day: '2024-05-01', upvotes: 2, paper: { arxivId: '2405.00011', title: 'Second' } },
      { day: '2024-05-01', upvotes: 7, paper: { arxivId: '2405.00012', title: 'First' } },
      { day: '2024-05-01', upvotes: 0, paper: { arxivId: '2405.00013', title: 'Third' } },
      { day: '2024-05-06', upvotes: 0, paper: { arxivId: '2405.00014', title: 'Next week' } },
    ]);
    ({ app } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('returns a day of papers with paging', async () => {
    const res = await app.inject('/api/v1/daily?date=2024-05-01&limit=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.pageCount).toBe(2);
    expect(body.items.map((i: { paper: { title: string } }) => i.paper.title)).toEqual(['First', 'Second']);
    expect(body.items[0].listing).toEqual({ listedOn: '2024-05-01', upvotes: 7, submittedBy: null });
    expect(body.next).toBe('2024-05-06');
    const page2 = (await app.inject('/api/v1/daily?date=2024-05-01&limit=2&page=2')).json();
    expect(page2.items.map((i: { paper: { title: string } }) => i.paper.title)).toEqual(['Third']);
  });

  it('returns ISO week and month views', async () => {
    const week = (await app.inject('/api/v1/daily?week=2024-W18')).json();
    expect(week.period).toEqual({ kind: 'week', value: '2024-W18', from: '2024-04-29', to: '2024-05-05' });
    expect(week.total).toBe(3);
    expect((await app.inject('/api/v1/daily?month=2024-05')).json().total).toBe(4);
  });

  it('returns one paper with its listing and arXiv links', async () => {
    const res = await app.inject('/api/v1/papers/2405.00012v2');
    expect(res.statusCode).toBe(200);
    const { paper, listing } = res.json();
    expect(paper).toMatchObject({
      id: '2405.00012',
      title: 'First',
      urls: { pdf: 'https://arxiv.org/pdf/2405.00012' },
    });
    expect(listing.upvotes).toBe(7);
  });

  it('answers bad input with structured errors and the right status', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v1/daily?date=2024-13-45', 400, 'papers.invalid_date'],
      ['/api/v1/daily?week=2024-W60', 400, 'papers.invalid_date'],
      ['/api/v1/daily?limit=100000', 400, 'request.invalid'],
      ['/api/v1/papers/2405.99999', 404, 'papers.not_found'],
      ['/api/v1/papers/<script>', 400, 'papers.invalid_id'],
      ['/api/v1/nothing', 404, 'route.not_found'],
    ];
    for (const [url, status, code] of cases) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json().error.code, url).toBe(code);
      expect(res.json().error.message.length, url).toBeGreaterThan(5);
    }
  });

  it('publishes an OpenAPI 3.1 document and browsable docs', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/daily', '/api/v1/papers/{*}']));
    expect(doc.paths['/'] ?? doc.paths['/papers']).toBeUndefined();
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
