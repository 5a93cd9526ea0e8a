import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { openStore, type Store } from '../../store/store.js';

describe('spelling suggestions in the JSON search API', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(
      store,
      Array.from({ length: 12 }, (_, i) => ({
        day: '2024-05-01',
        paper: {
          arxivId: `2405.${String(300 + i).padStart(5, '0')}`,
          title: `Diffusion models ${i}`,
          abstract: 'Diffusion.',
        },
      })),
    );
    ({ app } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const get = async (url: string) => (await app.inject({ url, headers: { accept: 'application/json' } })).json();

  it('answers a query that finds nothing with its correction, and says so', async () => {
    const body = await get('/api/v1/search?q=difusion%20models');
    expect(body.suggestion).toEqual({ text: 'diffusion models', applied: true });
    expect(body.total).toBe(12);
  });

  it('keeps the empty answer with spell=false and still suggests', async () => {
    const body = await get('/api/v1/search?q=difusion&spell=false');
    expect(body.suggestion).toEqual({ text: 'diffusion', applied: false });
    expect(body.total).toBe(0);
    expect(body.items).toEqual([]);
  });

  it('suggests nothing for a query spelled as meant', async () => {
    expect((await get('/api/v1/search?q=diffusion')).suggestion).toBeNull();
  });
});
