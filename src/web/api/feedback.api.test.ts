import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiValidatorFor } from '../../../test/api/openapi-validator.js';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from '../pages/community.test-utils.js';

describe('"not interested" through the JSON API', () => {
  let store: Store;
  let app: FastifyInstance;
  let ada: TestClient;
  let adaId: number;
  const paper = '2406.40001';

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store }));
    await seedListed(store, [{ day: todayUtc(), paper: { arxivId: paper } }]);
    await makeUser(store, { username: 'ada' });
    adaId = (await store.users.findByUsername('ada'))!.id;
    ada = new TestClient(app);
    await ada.signIn('ada');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('marks idempotently, lists the mark, takes it back, and every answer is as documented', async () => {
    const { problemsOf } = await openApiValidatorFor(app);
    const check = (method: 'GET' | 'POST' | 'DELETE', url: string, res: Awaited<ReturnType<TestClient['api']>>) =>
      expect(problemsOf({ method, url, statusCode: res.statusCode, headers: res.headers, body: res.body })).toEqual([]);
    const first = await ada.api('POST', '/api/v1/feedback', { paper: `https://arxiv.org/abs/${paper}v2` });
    expect(first.json()).toEqual({ paper, kind: 'not_interested', notInterested: true, changed: true });
    check('POST', '/api/v1/feedback', first);
    expect((await ada.api('POST', '/api/v1/feedback', { paper })).json()).toMatchObject({ changed: false });
    const list = await ada.api('GET', '/api/v1/feedback');
    expect(list.json().notInterested.map((m: { paper: { id: string } }) => m.paper.id)).toEqual([paper]);
    check('GET', '/api/v1/feedback', list);
    const undo = await ada.api('DELETE', `/api/v1/feedback?paper=${paper}`);
    expect(undo.json()).toEqual({ paper, kind: 'not_interested', notInterested: false, changed: true });
    check('DELETE', `/api/v1/feedback?paper=${paper}`, undo);
    expect((await ada.api('DELETE', `/api/v1/feedback?paper=${paper}`)).json()).toMatchObject({ changed: false });
    expect(await store.paperFeedback.listOf(adaId, 'not_interested')).toEqual([]);
  });

  it('refuses anonymous writes (401), cookie writes without CSRF (403), bad and unknown papers (400, 404)', async () => {
    const anon = await new TestClient(app).api('POST', '/api/v1/feedback', { paper }, { csrf: false });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await ada.api('POST', '/api/v1/feedback', { paper }, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf.invalid');
    const missing = await ada.api('POST', '/api/v1/feedback', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('feedback.invalid');
    const junk = await ada.api('POST', '/api/v1/feedback', { paper: 'no such thing' });
    expect(junk.statusCode).toBe(400);
    const unknown = await ada.api('POST', '/api/v1/feedback', { paper: '2406.49999' });
    expect(unknown.statusCode).toBe(404);
    const otherKind = await ada.api('POST', '/api/v1/feedback', { paper, kind: 'meh' });
    expect(otherKind.statusCode).toBe(400);
    expect(await store.paperFeedback.listOf(adaId, 'not_interested')).toEqual([]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths['/api/v1/feedback'] ?? {}).sort()).toEqual(['delete', 'get', 'post']);
  });
});
