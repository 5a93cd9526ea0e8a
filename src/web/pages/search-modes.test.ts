import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import {
  type FakeEmbeddingsServer,
  startFakeEmbeddingsServer,
} from '../../embeddings/fake-embeddings-server.test-utils.js';
import { embedPendingPapers } from '../../jobs/embed.usecases.js';
import type { Services } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';

const PAPERS = [
  {
    arxivId: '2405.20001',
    title: 'Cars that drive themselves',
    abstract: 'Autonomous cars on city roads.',
    primaryCategory: 'cs.RO',
    categories: ['cs.RO'],
  },
  {
    arxivId: '2405.20002',
    title: 'Enzyme kinetics at scale',
    abstract: 'Catalysis rates of enzymes.',
    primaryCategory: 'q-bio.BM',
    categories: ['q-bio.BM'],
  },
  {
    arxivId: '2405.20003',
    title: 'Vehicle routing heuristics',
    abstract: 'Routing delivery vehicles.',
    primaryCategory: 'cs.DS',
    categories: ['cs.DS'],
  },
];

async function seed(): Promise<Store> {
  const store = await openStore({ sqliteFile: ':memory:' });
  await seedListed(
    store,
    PAPERS.map((paper) => ({ day: '2024-05-01', paper })),
  );
  return store;
}

const json = async (app: FastifyInstance, url: string) =>
  (await app.inject({ url, headers: { accept: 'application/json' } })).json();

describe('search modes without an embedding model', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await seed();
    ({ app } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows semantic and hybrid disabled with the reason, and a hybrid URL says it answered with keywords', async () => {
    const plain = await app.inject('/search?q=vehicles');
    expect(plain.body).toMatch(
      /<span class="mode-disabled" aria-disabled="true" title="[^"]*embedding model[^"]*">Semantic<\/span>/,
    );
    expect(plain.body).toMatch(/<span class="mode-disabled" aria-disabled="true"[^>]*>Hybrid<\/span>/);
    expect(plain.body).not.toContain('mode=semantic');
    expect(plain.body).toContain('none is configured on this site');
    const res = await app.inject('/search?q=vehicles&mode=hybrid');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Keyword search only — no embedding model is configured');
    // The switch marks the ranking that answered, not the one asked for.
    expect(res.body).toMatch(/aria-current="page">Keyword<\/a>/);
    expect(res.body).toContain('Routing delivery');
  });

  it('reports the mode used and the reason in the JSON API', async () => {
    const body = await json(app, '/api/v1/search?q=vehicles&mode=semantic');
    expect(body.mode).toBe('keyword');
    expect(body.requestedMode).toBe('semantic');
    expect(body.notice).toMatch(/no embedding model is configured/);
    expect(body.items.map((i: { paper: { id: string } }) => i.paper.id)).toEqual(['2405.20003']);
    expect((await json(app, '/api/v1/search?q=vehicles')).notice).toBeNull();
  });

  it('rejects an unknown mode with a 400', async () => {
    expect((await app.inject('/api/v1/search?q=x&mode=neural')).statusCode).toBe(400);
  });
});

describe('search modes with an embedding model (OpenAI-compatible endpoint on loopback)', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
    store = await seed();
    ({ app, services } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_EMBEDDINGS_PROVIDER: 'http',
        DAILYPAPERS_EMBEDDINGS_HTTP_URL: server.baseUrl,
        DAILYPAPERS_EMBEDDINGS_HTTP_MODEL: 'toy',
        DAILYPAPERS_SEARCH_DEFAULT_MODE: 'hybrid',
      },
    }));
    await embedPendingPapers({ config: services.config, index: services.search, store: services.store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await server.close();
  });

  it('finds papers by meaning in semantic mode that keyword mode misses', async () => {
    const ids = (body: { items: Array<{ paper: { id: string } }> }) => body.items.map((i) => i.paper.id);
    const keyword = await json(app, '/api/v1/search?q=motorcar&mode=keyword');
    expect(keyword.mode).toBe('keyword');
    expect(ids(keyword)).toEqual([]);
    const semantic = await json(app, '/api/v1/search?q=motorcar&mode=semantic&limit=2');
    expect(semantic.mode).toBe('semantic');
    expect(ids(semantic).sort()).toEqual(['2405.20001', '2405.20003']);
    expect(semantic.notice).toBeNull();
  });

  it('uses the configured default mode when the request names none, and keeps filters', async () => {
    const body = await json(app, '/api/v1/search?q=motorcar&category=cs.RO');
    expect(body.mode).toBe('hybrid');
    expect(body.items.map((i: { paper: { id: string } }) => i.paper.id)).toEqual(['2405.20001']);
    const page = await app.inject('/search?q=motorcar');
    expect(page.body).toMatch(/aria-current="page">Hybrid<\/a>/);
    expect(page.body).not.toContain('Keyword search only');
    expect(page.body).not.toContain('mode-disabled');
    expect(page.body).toMatch(/<a href="\/search\?q=motorcar&amp;mode=semantic">Semantic<\/a>/);
    expect(page.body).toContain('Cars that drive themselves');
  });

  it('shows similar papers by meaning on a paper page and for a pasted abstract', async () => {
    const like = await json(app, `/api/v1/search?like=${encodeURIComponent('my automobile drives itself')}`);
    expect(like.items[0].paper.id).toBe('2405.20001');
    const similar = await json(app, '/api/v1/similar/2405.20001?limit=1');
    expect(similar.items.map((p: { id: string }) => p.id)).toEqual(['2405.20003']);
  });
});
