import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';

const cardsOn = (body: string) => body.match(/<article class="paper-card"/g)?.length ?? 0;

describe('search page size', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(
      store,
      ['2405.30001', '2405.30002', '2405.30003'].map((arxivId, i) => ({
        day: '2024-05-01',
        paper: { arxivId, title: `Gossamer lattice study ${i + 1}`, abstract: 'On gossamer lattices.' },
      })),
    );
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_SEARCH_PAGE_SIZE: '2' } }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows search.pageSize results per page and pages through the rest', async () => {
    const first = await app.inject('/search?q=gossamer');
    expect(first.statusCode).toBe(200);
    expect(cardsOn(first.body)).toBe(2);
    expect(first.body).toContain('aria-label="Pagination"');
    const second = await app.inject('/search?q=gossamer&page=2');
    expect(cardsOn(second.body)).toBe(1);
  });

  it('leaves the JSON API to its own limit', async () => {
    const res = await app.inject('/api/v1/search?q=gossamer');
    expect(res.json().items).toHaveLength(3);
  });
});
