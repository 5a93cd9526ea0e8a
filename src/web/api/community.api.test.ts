import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../../../test/api/openapi-validator.js';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from '../pages/community.test-utils.js';

describe('community JSON API', () => {
  let store: Store;
  let app: FastifyInstance;
  let ada: TestClient;
  const paper = '2406.30001';

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0' } }));
    await seedListed(store, [{ day: todayUtc(), paper: { arxivId: paper } }]);
    await seedListed(store, [{ day: '2024-01-01', paper: { arxivId: '2406.30002' } }]);
    await makeUser(store, { username: 'ada' });
    ada = new TestClient(app);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('signs in with JSON and reports the session with a CSRF token, never cached', async () => {
    const anon = await ada.api('GET', '/api/v1/session');
    expect(anon.json().user).toBeNull();
    const login = await ada.api('POST', '/api/v1/session', { identifier: 'ada', password: 'correct horse battery' });
    expect(login.statusCode).toBe(200);
    // The token that comes with the sign-in is good for the new session's first write.
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/collections',
      payload: { name: 'First' },
      cookies: Object.fromEntries(ada.cookies),
      headers: { 'x-csrf-token': login.json().csrfToken },
    });
    expect(first.statusCode).toBe(201);
    const me = await ada.api('GET', '/api/v1/session');
    expect(me.json()).toMatchObject({ user: { username: 'ada', role: 'user', emailVerified: true } });
    expect(me.json().csrfToken).toMatch(/\S{20,}/);
    expect(me.headers['cache-control']).toBe('private, no-store');
    const bad = await new TestClient(app).api('POST', '/api/v1/session', {
      identifier: 'ada',
      password: 'wrong password',
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('auth.invalid_credentials');
  });

  it('refuses cookie-authenticated writes without the CSRF header, and anonymous writes with 401', async () => {
    const noHeader = await ada.api('POST', '/api/v1/votes', { paper, upvoted: true }, { csrf: false });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('csrf.invalid');
    const anon = await new TestClient(app).api('POST', '/api/v1/votes', { paper, upvoted: true }, { csrf: false });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error).toMatchObject({ code: 'auth.required' });
    expect((await store.listings.findByPaperId((await store.papers.findByArxivId(paper))!.id))?.upvotes).toBe(0);
  });

  it('answers an anonymous write to a path with no such method with 401, authentication first', async () => {
    const put = (cookies: Record<string, string>, headers: Record<string, string> = {}) =>
      app.inject({ method: 'PUT', url: '/api/v1/votes', payload: { paper, upvoted: true }, cookies, headers });
    const anon = await put({});
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('auth.required');
    // Signed in, the same request is simply not a route (and changes nothing).
    const signedIn = await put(Object.fromEntries(ada.cookies), { 'x-csrf-token': await ada.csrf() });
    expect(signedIn.statusCode).toBe(404);
    expect((await store.listings.findByPaperId((await store.papers.findByArxivId(paper))!.id))?.upvotes).toBe(0);
  });

  it('votes idempotently and reports the count', async () => {
    expect((await ada.api('POST', '/api/v1/votes', { paper, upvoted: true })).json()).toEqual({
      upvotes: 1,
      upvoted: true,
      changed: true,
    });
    expect((await ada.api('POST', '/api/v1/votes', { paper, upvoted: true })).json()).toEqual({
      upvotes: 1,
      upvoted: true,
      changed: false,
    });
    expect((await ada.api('POST', '/api/v1/votes', { paper, upvoted: false })).json()).toEqual({
      upvotes: 0,
      upvoted: false,
      changed: true,
    });
    const unknown = await ada.api('POST', '/api/v1/votes', { paper: '2406.99999', upvoted: true });
    expect(unknown.statusCode).toBe(404);
    const invalid = await ada.api('POST', '/api/v1/votes', { paper: 'nonsense', upvoted: true });
    expect(invalid.json().error.code).toBe('papers.invalid_id');
  });

  it('submits a stored paper and refuses a duplicate with a structured error', async () => {
    await store.papers.upsertMany([
      (await import('../../../test/support/papers.js')).makePaper({ arxivId: '2406.30003' }),
    ]);
    const res = await ada.api('POST', '/api/v1/submissions', { arxivId: 'https://arxiv.org/abs/2406.30003v1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      paper: { id: '2406.30003' },
      listing: { listedOn: todayUtc(), submittedBy: 'ada' },
    });
    const dup = await ada.api('POST', '/api/v1/submissions', { arxivId: '2406.30003' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'submissions.duplicate' });
    expect(dup.json().error.requestId).toBeTruthy();
  });

  it('comments, replies, edits and deletes, with rendered HTML that never carries raw markup', async () => {
    const root = await ada.api('POST', '/api/v1/comments', { paper, body: 'Hi <script>alert(1)</script> $x^2$' });
    expect(root.statusCode).toBe(201);
    const { id } = root.json();
    const reply = await ada.api('POST', '/api/v1/comments', { paper, body: 'reply', parentId: id });
    expect(reply.statusCode).toBe(201);
    const thread = (await new TestClient(app).api('GET', `/api/v1/comments?paper=${paper}`)).json();
    expect(thread.count).toBe(2);
    expect(thread.comments[0].html).toContain('&lt;script&gt;');
    expect(thread.comments[0].html).toContain('katex');
    expect(thread.comments[0].children[0].body).toBe('reply');
    expect((await ada.api('PATCH', `/api/v1/comments/${id}`, { body: 'edited' })).statusCode).toBe(200);
    expect((await ada.api('PATCH', `/api/v1/comments/${id}`, { body: 'y'.repeat(10_001) })).json().error.code).toBe(
      'comments.too_long',
    );
    expect((await ada.api('DELETE', `/api/v1/comments/${id}`)).statusCode).toBe(204);
    const after = (await ada.api('GET', `/api/v1/comments?paper=${paper}`)).json();
    expect(after.comments[0]).toMatchObject({ state: 'deleted', body: '', username: null });
    expect(after.count).toBe(1);
  });

  it('manages collections, hiding private ones from others', async () => {
    const created = await ada.api('POST', '/api/v1/collections', { name: 'Later', isPublic: false });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect((await ada.api('POST', `/api/v1/collections/${id}/items`, { paper, contains: true })).json()).toEqual({
      contains: true,
      changed: true,
    });
    expect((await ada.api('GET', `/api/v1/collections/${id}`)).json().papers).toHaveLength(1);
    expect((await new TestClient(app).api('GET', `/api/v1/collections/${id}`)).statusCode).toBe(404);
    const renamed = await ada.api('PATCH', `/api/v1/collections/${id}`, { name: 'Read later', isPublic: true });
    expect(renamed.json()).toMatchObject({ name: 'Read later', isPublic: true, paperCount: 1 });
    expect((await ada.api('POST', '/api/v1/collections', { name: '' })).json().error.code).toBe(
      'collections.invalid_input',
    );
    expect((await ada.api('DELETE', `/api/v1/collections/${id}`)).statusCode).toBe(204);
    expect((await ada.api('GET', `/api/v1/collections/${id}`)).statusCode).toBe(404);
  });

  it('sends what the OpenAPI document says, for every community read and its errors', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    const problemsOf = createOpenApiValidator(doc);
    const collection = (await ada.api('POST', '/api/v1/collections', { name: 'Documented' })).json();
    await ada.api('POST', `/api/v1/collections/${collection.id}/items`, { paper, contains: true });
    await ada
      .api('POST', '/api/v1/comments', { paper, body: 'top' })
      .then((r) => ada.api('POST', '/api/v1/comments', { paper, body: 'nested', parentId: r.json().id }));
    const samples: Array<[string, number]> = [
      ['/api/v1/session', 200],
      [`/api/v1/comments?paper=${paper}`, 200],
      ['/api/v1/comments?paper=2406.99999', 404],
      ['/api/v1/comments?paper=nonsense', 400],
      [`/api/v1/collections/${collection.id}`, 200],
      ['/api/v1/collections/999999', 404],
    ];
    for (const [url, status] of samples) {
      const res = await ada.api('GET', url);
      expect(res.statusCode, url).toBe(status);
      expect(
        problemsOf({ method: 'GET', url, statusCode: res.statusCode, headers: res.headers, body: res.body }),
        url,
      ).toEqual([]);
    }
    for (const path of ['/api/v1/submissions', '/api/v1/votes', '/api/v1/collections/{id}/items'])
      expect(doc.paths[path], path).toBeDefined();
  });
});
