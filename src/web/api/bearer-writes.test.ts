import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckedResponse, createOpenApiValidator } from '../../../test/api/openapi-validator.js';
import { buildTestApp } from '../../../test/support/app.js';
import { type FakeArxiv, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { makePaper } from '../../../test/support/papers.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser } from '../pages/community.test-utils.js';
import { makeToken, withToken } from './tokens.test-utils.js';

// Every write of the API with nothing but `Authorization: Bearer <write token>`: no cookie, no CSRF token. Each
// answer is also checked against the OpenAPI document, so the documented write API is the one that works.
describe('writes with a bearer token', () => {
  let store: Store;
  let app: FastifyInstance;
  let arxiv: FakeArxiv;
  let token: string;
  let problemsOf: (r: CheckedResponse) => string[];
  const listed = '2406.50001';
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) => {
    const res = await withToken(app, token, method, url, body);
    expect(problemsOf(checked(method, url, res)), `${method} ${url}`).toEqual([]);
    return res;
  };
  const checked = (method: string, url: string, res: LightMyRequestResponse): CheckedResponse => ({
    method,
    url,
    statusCode: res.statusCode,
    headers: res.headers,
    body: res.body,
  });

  beforeAll(async () => {
    arxiv = await startFakeArxiv();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_ARXIV_API_URL: arxiv.apiUrl,
        DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '1',
        DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0',
      },
    }));
    await seedListed(store, [{ day: todayUtc(), paper: { arxivId: listed } }]);
    await store.papers.upsertMany([makePaper({ arxivId: '2406.50002' }), makePaper({ arxivId: '2406.50003' })]);
    await makeUser(store, { username: 'bot-owner' });
    ({ token } = await makeToken(store, { username: 'bot-owner', scope: 'write' }));
    problemsOf = createOpenApiValidator((await app.inject('/api/openapi.json')).json());
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await arxiv?.close();
  });

  it('submits a paper to today’s list in the name of the token’s owner', async () => {
    const res = await send('POST', '/api/v1/submissions', { arxivId: 'arXiv:2406.50002v1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ listing: { listedOn: todayUtc(), submittedBy: 'bot-owner' } });
  });

  it('sets and clears an upvote', async () => {
    expect((await send('POST', '/api/v1/votes', { paper: listed, upvoted: true })).json()).toEqual({
      upvotes: 1,
      upvoted: true,
      changed: true,
    });
    expect((await send('POST', '/api/v1/votes', { paper: listed, upvoted: false })).json().upvotes).toBe(0);
  });

  it('comments, edits and deletes a comment', async () => {
    const posted = await send('POST', '/api/v1/comments', { paper: listed, body: 'Posted by a script' });
    expect(posted.statusCode).toBe(201);
    const { id } = posted.json();
    expect((await send('PATCH', `/api/v1/comments/${id}`, { body: 'Edited by a script' })).statusCode).toBe(200);
    const thread = (await withToken(app, null, 'GET', `/api/v1/comments?paper=${listed}`)).json();
    expect(thread.comments[0]).toMatchObject({ username: 'bot-owner', body: 'Edited by a script' });
    expect((await send('DELETE', `/api/v1/comments/${id}`)).statusCode).toBe(204);
  });

  it('creates, fills, renames and deletes a collection', async () => {
    const created = await send('POST', '/api/v1/collections', { name: 'Script picks', isPublic: false });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect((await send('POST', `/api/v1/collections/${id}/items`, { paper: listed, contains: true })).json()).toEqual({
      contains: true,
      changed: true,
    });
    // The token reads its owner's private collection; anonymous readers get 404.
    const mine = await withToken(app, token, 'GET', `/api/v1/collections/${id}`);
    expect(mine.json().papers.map((p: { paper: { id: string } }) => p.paper.id)).toEqual([listed]);
    expect((await withToken(app, null, 'GET', `/api/v1/collections/${id}`)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/v1/collections/${id}`, { name: 'Renamed' })).json().name).toBe('Renamed');
    expect((await send('DELETE', `/api/v1/collections/${id}`)).statusCode).toBe(204);
  });

  it('submits through the Hugging Face–shaped endpoint and answers the new daily item', async () => {
    const res = await send('POST', '/api/papers/submit', { paper_id: '2406.50003' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      paper: { id: '2406.50003', submittedOnDailyAt: `${todayUtc()}T00:00:00.000Z` },
      submittedBy: { name: 'bot-owner' },
    });
    const dup = await send('POST', '/api/papers/submit', { paper_id: '2406.50003' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('submissions.duplicate');
  });

  it('indexes a paper from arXiv without listing it, and indexing it again changes nothing', async () => {
    const res = await send('POST', '/api/papers/index', { arxivId: '1605.08386' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    const paper = await store.papers.findByArxivId('1605.08386');
    expect(paper?.title).toBeTruthy();
    expect(await store.listings.findByPaperId(paper!.id)).toBeFalsy();
    const fetches = arxiv.requests.filter((r) => r.path === '/api/query').length;
    expect((await send('POST', '/api/papers/index', { arxivId: 'https://arxiv.org/abs/1605.08386v1' })).json()).toEqual(
      {},
    );
    expect(arxiv.requests.filter((r) => r.path === '/api/query')).toHaveLength(fetches);
    expect((await withToken(app, null, 'GET', '/api/papers/1605.08386')).statusCode).toBe(200);
  });

  it('answers index requests for unknown or malformed ids, or when arXiv is down, with clear errors', async () => {
    const unknown = await send('POST', '/api/papers/index', { arxivId: '2401.99999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('papers.not_on_arxiv');
    expect((await send('POST', '/api/papers/index', { arxivId: 'not an id' })).json().error.code).toBe(
      'papers.invalid_id',
    );
    arxiv.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const down = await send('POST', '/api/papers/index', { arxivId: '2401.99998' });
    expect(down.statusCode).toBe(502);
    expect(await store.papers.findByArxivId('2401.99998')).toBeNull();
    expect((await withToken(app, null, 'POST', '/api/papers/index', { arxivId: '1605.08386' })).statusCode).toBe(401);
  });
});
