// A visitor trying the submission form on the bundled demo, offline: the demo's unlisted papers are offered and
// one click lists one; on a site without the demo nothing is offered.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { todayUtc } from '../../core/dates.js';
import { loadDemoIfEmpty } from '../../demo/load-demo.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

const WAITING = ['2404.04167', '2404.04204', '2404.04211', '2404.04256'];

describe('submitting on the demo site', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await loadDemoIfEmpty({ store, logger: pino({ level: 'silent' }) });
    // arXiv is out of reach: nothing may depend on it.
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api/query' } }));
    await makeUser(store, { username: 'ada' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('offers the demo papers nobody has listed yet, and lists the one a visitor submits', async () => {
    const client = new TestClient(app);
    await client.signIn('ada');
    const page = await client.get('/submit');
    expect(page.statusCode).toBe(200);
    for (const id of WAITING) expect(page.body).toContain(`name="arxivId" value="${id}"`);

    const res = await client.post('/submit', { arxivId: '2404.04211' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/papers/2404.04211');
    const paper = (await store.papers.findByArxivId('2404.04211'))!;
    expect(await store.listings.findByPaperId(paper.id)).toMatchObject({ listedOn: todayUtc(), submittedBy: 'ada' });

    const after = await client.get('/submit');
    expect(after.body).not.toContain('value="2404.04211"');
    expect(after.body).toContain('value="2404.04167"');
  });

  it('refuses a listed demo paper as a duplicate with a link to its listing, not the age rule', async () => {
    const client = new TestClient(app);
    await client.signIn('ada');
    const res = await client.post('/submit', { arxivId: '2401.04088' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('href="/papers/2401.04088"');
  });
});

describe('submitting on a site without the demo', () => {
  it('offers no demo papers', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const { app } = await buildTestApp({ store });
    try {
      await makeUser(store, { username: 'bob' });
      const client = new TestClient(app);
      await client.signIn('bob');
      const page = await client.get('/submit');
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('New today, not listed yet');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
