import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from '../pages/community.test-utils.js';
import { makeToken, withToken } from './tokens.test-utils.js';

describe('personal API tokens', () => {
  let store: Store;
  let app: FastifyInstance;
  let ada: TestClient;
  const paper = '2406.40001';
  const vote = { paper, upvoted: true };

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_API_TOKENS_PER_USER: '3' } }));
    await seedListed(store, [{ day: todayUtc(), paper: { arxivId: paper } }]);
    await makeUser(store, { username: 'ada' });
    ada = new TestClient(app);
    await ada.signIn('ada');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows a new token once on the settings page, keeps only its sha256, and lists it by name and hint', async () => {
    const created = await ada.post('/account/tokens', { name: 'feed script', scope: 'write' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = /<code class="api-token-secret">(dp_[A-Za-z0-9_-]{43})<\/code>/.exec(created.body)?.[1];
    expect(token).toBeDefined();
    const row = await store.connection.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token!).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token!.slice(10));
    const later = (await ada.get('/account')).body;
    expect(later).toContain('feed script');
    expect(later).toContain(`${token!.slice(0, 9)}…`);
    expect(later).not.toContain(token!);
    // And the token works at once.
    expect((await withToken(app, token!, 'GET', '/api/v1/tokens')).json()).toEqual([
      expect.objectContaining({ name: 'feed script', scope: 'write', hint: token!.slice(0, 9) }),
    ]);
  });

  it('refuses a write without any credentials with 401 auth.required', async () => {
    const res = await withToken(app, null, 'POST', '/api/v1/votes', vote);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'auth.required', message: expect.any(String) });
  });

  it('refuses malformed and unknown tokens with 401 auth.invalid_token and a WWW-Authenticate challenge', async () => {
    for (const bad of ['nonsense', `dp_${'A'.repeat(43)}`, '']) {
      const res = await withToken(app, bad, 'POST', '/api/v1/votes', vote);
      expect(res.statusCode, bad).toBe(401);
      expect(res.json().error, bad).toMatchObject({ code: 'auth.invalid_token', requestId: expect.any(String) });
      expect(res.json().error.message).toMatch(/not valid/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    }
    // A bad token is refused on reads as well: a program must not mistake the refusal for a public answer.
    expect((await withToken(app, 'nonsense', 'GET', '/api/v1/daily')).statusCode).toBe(401);
  });

  it('refuses a revoked token with 401 auth.token_revoked from the moment it is revoked', async () => {
    const { token, id } = await makeToken(store, { username: 'ada', scope: 'write', name: 'short-lived' });
    expect((await withToken(app, token, 'POST', '/api/v1/votes', vote)).statusCode).toBe(200);
    const revoked = await ada.post(`/account/tokens/${id}/revoke`);
    expect(revoked.statusCode).toBe(303);
    expect((await ada.follow(revoked)).body).toContain('Token “short-lived” is revoked');
    const res = await withToken(app, token, 'POST', '/api/v1/votes', { paper, upvoted: false });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.token_revoked');
    expect((await withToken(app, token, 'GET', '/api/v1/tokens')).statusCode).toBe(401);
    expect((await ada.get('/account')).body).not.toContain('short-lived');
  });

  it('lets a read-only token read but refuses its writes with 403 auth.insufficient_scope, changing nothing', async () => {
    const { token } = await makeToken(store, { username: 'ada', scope: 'read' });
    expect((await withToken(app, token, 'GET', `/api/v1/comments?paper=${paper}`)).statusCode).toBe(200);
    const before = (await store.listings.findByPaperId((await store.papers.findByArxivId(paper))!.id))!.upvotes;
    for (const [method, url, body] of [
      ['POST', '/api/v1/votes', { paper, upvoted: false }],
      ['POST', '/api/v1/comments', { paper, body: 'hello' }],
      ['POST', '/api/v1/collections', { name: 'Nope' }],
      ['POST', '/api/papers/submit', { paper_id: paper }],
    ] as const) {
      const res = await withToken(app, token, method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('auth.insufficient_scope');
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    }
    expect((await store.listings.findByPaperId((await store.papers.findByArxivId(paper))!.id))!.upvotes).toBe(before);
    expect((await withToken(app, token, 'GET', `/api/v1/comments?paper=${paper}`)).json().count).toBe(0);
  });

  it("stops a suspended user's tokens with 403 account.suspended, and they work again when lifted", async () => {
    const userId = await makeUser(store, { username: 'eve' });
    const { token } = await makeToken(store, { username: 'eve', scope: 'write' });
    await makeUser(store, { username: 'mod', role: 'moderator' });
    const mod = new TestClient(app);
    await mod.signIn('mod');
    expect((await mod.post('/u/eve/suspend', { reason: 'spam' })).statusCode).toBe(303);
    for (const [method, url] of [
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/votes'],
    ] as const) {
      const res = await withToken(app, token, method, url, method === 'POST' ? vote : undefined);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('account.suspended');
    }
    expect((await store.users.findById(userId))?.suspendedAt).not.toBeNull();
    await mod.post('/u/eve/unsuspend');
    expect((await withToken(app, token, 'POST', '/api/v1/votes', vote)).statusCode).toBe(200);
  });

  it('needs no CSRF token with a bearer token, while the same write with the session cookie still does', async () => {
    const { token } = await makeToken(store, { username: 'ada', scope: 'write' });
    const noCsrf = await ada.api('POST', '/api/v1/collections', { name: 'Cookie' }, { csrf: false });
    expect(noCsrf.json().error.code).toBe('csrf.invalid');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/collections',
      payload: { name: 'Bearer' },
      cookies: Object.fromEntries(ada.cookies),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ owner: 'ada', name: 'Bearer' });
  });

  it('records when a token was last used', async () => {
    const { token, id } = await makeToken(store, { username: 'ada', scope: 'read', name: 'watched' });
    expect(
      (await store.apiTokens.listByUser((await store.users.findByUsername('ada'))!.id, { includeRevoked: false })).find(
        (t) => t.id === id,
      )?.lastUsedAt,
    ).toBeNull();
    await withToken(app, token, 'GET', '/api/v1/session');
    const after = await store.apiTokens.findByHash(createHash('sha256').update(token).digest('hex'));
    expect(after?.token.lastUsedAt).not.toBeNull();
    expect((await withToken(app, token, 'GET', '/api/v1/session')).json().user).toMatchObject({ username: 'ada' });
  });

  it('creates and revokes tokens as JSON with the session, but never lets a token create a token', async () => {
    const { token } = await makeToken(store, { username: 'ada', scope: 'write' });
    const byToken = await withToken(app, token, 'POST', '/api/v1/tokens', { name: 'child', scope: 'write' });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('tokens.session_required');
    for (const t of (await ada.api('GET', '/api/v1/tokens')).json()) await ada.api('DELETE', `/api/v1/tokens/${t.id}`);
    const created = await ada.api('POST', '/api/v1/tokens', { name: 'json', scope: 'read' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'json', scope: 'read', token: expect.stringMatching(/^dp_/) });
    expect((await withToken(app, created.json().token, 'GET', '/api/v1/tokens')).statusCode).toBe(200);
    expect((await ada.api('DELETE', `/api/v1/tokens/${created.json().id}`)).statusCode).toBe(204);
    expect((await ada.api('DELETE', `/api/v1/tokens/${created.json().id}`)).json().error.code).toBe('tokens.not_found');
    expect((await withToken(app, null, 'GET', '/api/v1/tokens')).statusCode).toBe(401);
  });

  it('refuses bad names, unknown scopes and more tokens than allowed, with the reason on the page', async () => {
    expect((await ada.api('POST', '/api/v1/tokens', { name: ' ', scope: 'read' })).json().error.code).toBe(
      'tokens.invalid_input',
    );
    expect((await ada.api('POST', '/api/v1/tokens', { name: 'x', scope: 'admin' })).statusCode).toBe(400);
    for (const name of ['a', 'b', 'c']) await ada.api('POST', '/api/v1/tokens', { name, scope: 'read' });
    const over = await ada.post('/account/tokens', { name: 'one too many', scope: 'read' });
    expect(over.statusCode).toBe(409);
    expect(over.body).toContain('the most allowed');
    expect(over.body).toContain('value="one too many"');
    expect(over.body).not.toContain('api-token-secret');
  });

  it('reads bearer tokens on the API only: pages ignore them, and other schemes pass through', async () => {
    expect((await app.inject({ url: '/', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(200);
    const basic = await app.inject({ url: '/api/v1/daily', headers: { authorization: 'Basic YTpi' } });
    expect(basic.statusCode).toBe(200);
  });
});
