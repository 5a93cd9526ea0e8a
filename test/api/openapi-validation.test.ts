import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { makeToken } from '../../src/web/api/tokens.test-utils.js';
import { makeUser } from '../../src/web/pages/community.test-utils.js';
import { buildTestApp } from '../support/app.js';
import { makePaper } from '../support/papers.js';
import { seedListed } from '../support/seed.js';
import { type CheckedResponse, createOpenApiValidator, matchPath, type OpenApiDocument } from './openapi-validator.js';

// Requests that exercise every documented read, with their success and error answers. A GET path added to
// the API without a sample here fails the coverage test below: every response must be checked against its schema.
// `withToken` samples are sent with a read token of a user made in beforeAll.
const SAMPLES: Array<{ url: string; status: number; withToken?: boolean }> = [
  { url: '/api/v1/daily?date=2024-05-01', status: 200 },
  { url: '/api/v1/daily?week=2024-W18&sort=trending&limit=1', status: 200 },
  { url: '/api/v1/daily?date=2024-13-45', status: 400 },
  { url: '/api/v1/papers/2405.00012', status: 200 },
  { url: '/api/v1/papers/2405.99999', status: 404 },
  { url: '/api/v1/papers/hep-th/9901001', status: 200 },
  { url: '/api/daily_papers', status: 200 },
  { url: '/api/daily_papers?date=2024-05-01&limit=1&p=1', status: 200 },
  { url: '/api/daily_papers?month=2024-05&sort=trending', status: 200 },
  { url: '/api/daily_papers?date=2024-05-01&submitter=alice', status: 200 },
  { url: '/api/daily_papers?date=2024-05-01&p=100', status: 200 },
  { url: '/api/daily_papers?date=2025-13-40', status: 400 },
  { url: '/api/papers?limit=2', status: 200 },
  { url: '/api/papers?cursor=nonsense', status: 400 },
  { url: '/api/papers/2405.00011', status: 200 },
  { url: '/api/papers/2405.00014', status: 200 },
  { url: '/api/papers/hep-th/9901001', status: 200 },
  { url: '/api/papers/1234.56789', status: 404 },
  { url: '/api/papers/search?q=study', status: 200 },
  { url: '/api/papers/search?q=', status: 400 },
  { url: '/api/v1/search?q=study', status: 200 },
  { url: '/api/v1/search?q=studdy', status: 200 },
  { url: '/api/v1/search?q=studdy&spell=false&mode=hybrid', status: 200 },
  { url: '/api/v1/search?q=study&spell=maybe', status: 400 },
  { url: '/api/v1/search?like=careful%20study&limit=2', status: 200 },
  { url: '/api/v1/similar/2405.00011', status: 200 },
  { url: '/api/v1/similar/2405.99999', status: 404 },
  { url: '/api/v1/session', status: 200 },
  { url: '/api/v1/comments?paper=2405.00011', status: 200 },
  { url: '/api/v1/comments?paper=2405.99999', status: 404 },
  { url: '/api/v1/collections/999', status: 404 },
  { url: '/api/v1/tokens', status: 401 },
  { url: '/api/v1/tokens', status: 200, withToken: true },
  { url: '/api/v1/notifications', status: 401 },
  { url: '/api/v1/notifications', status: 200, withToken: true },
  { url: '/api/v1/follows', status: 200, withToken: true },
  { url: '/api/v1/follows/papers', status: 200, withToken: true },
  { url: '/api/v1/follows/papers', status: 401 },
  { url: '/api/v1/feedback', status: 401 },
  { url: '/api/v1/feedback', status: 200, withToken: true },
];

describe('OpenAPI document', () => {
  let store: Store;
  let app: FastifyInstance;
  let doc: OpenApiDocument;
  let problemsOf: (r: CheckedResponse) => string[];
  let token: string;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      {
        day: '2024-05-01',
        upvotes: 2,
        paper: { arxivId: '2405.00011', links: [{ kind: 'github', url: 'https://github.com/a/b' }] },
      },
      { day: '2024-05-01', upvotes: 7, paper: { arxivId: '2405.00012', withdrawn: true } },
      {
        day: '2024-05-03',
        paper: { arxivId: 'hep-th/9901001', links: [{ kind: 'project', url: 'https://x.example/p' }] },
      },
    ]);
    // One paper stored but never listed: the optional listing fields must be absent, not null.
    await store.papers.upsertMany([
      { ...(await store.papers.findByArxivId('2405.00011'))!, arxivId: '2405.00014', links: [] },
    ]);
    // And one a user submitted, which carries submittedOnDailyBy.
    const alice = await store.users.create({ username: 'alice' });
    await store.papers.upsertMany([makePaper({ arxivId: '2405.00015' })]);
    const submitted = await store.papers.findByArxivId('2405.00015');
    await store.listings.add({ paperId: submitted!.id, listedOn: '2024-05-01', submittedBy: alice });
    ({ app } = await buildTestApp({ store }));
    await makeUser(store, { username: 'reader' });
    ({ token } = await makeToken(store, { username: 'reader', scope: 'read' }));
    doc = (await app.inject('/api/openapi.json')).json();
    problemsOf = createOpenApiValidator(doc);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('documents every JSON response the API sends for the sample requests', async () => {
    for (const sample of SAMPLES) {
      const headers = sample.withToken ? { authorization: `Bearer ${token}` } : {};
      const res = await app.inject({ url: sample.url, headers });
      expect(res.statusCode, sample.url).toBe(sample.status);
      const problems = problemsOf({
        method: 'GET',
        url: sample.url,
        statusCode: res.statusCode,
        headers: res.headers,
        body: res.body,
      });
      expect(problems, sample.url).toEqual([]);
    }
  });

  it('has a sample request for every documented GET path', () => {
    const sampled = new Set(SAMPLES.map((s) => matchPath(doc, s.url)));
    const documented = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path);
    expect(documented.filter((p) => !sampled.has(p))).toEqual([]);
  });

  it('rejects a response that breaks its schema, so the check above can fail', () => {
    const body = JSON.stringify([{ paper: { id: 1 }, title: 'missing fields' }]);
    const problems = problemsOf({
      method: 'GET',
      url: '/api/daily_papers',
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/submittedBy|thumbnail/);
    expect(problemsOf({ method: 'GET', url: '/api/nowhere', statusCode: 200, headers: {}, body: '{}' })).toEqual([
      '/api/nowhere: no path in the OpenAPI document matches',
    ]);
  });
});
