import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { openStore, type Store } from '../../store/store.js';
import { TestClient } from '../pages/community.test-utils.js';

// The sign-in and token bodies are validated once, by the zod schemas the forms use (community/accounts.schemas.ts):
// these check that the JSON routes refuse with those schemas' messages and that the OpenAPI document still
// describes the bodies, with the schemas' limits.
describe('account JSON routes: one schema per input', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('documents the sign-in and token bodies with the limits of their schemas', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    const bodyOf = (path: string, method: string) =>
      doc.paths[path][method].requestBody.content['application/json'].schema;
    expect(bodyOf('/api/v1/session', 'post')).toMatchObject({
      type: 'object',
      required: ['identifier', 'password'],
      properties: { identifier: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 200 } },
    });
    expect(bodyOf('/api/v1/tokens', 'post')).toMatchObject({
      required: ['name', 'scope'],
      properties: { name: { type: 'string', maxLength: 100 }, scope: { enum: ['read', 'write'] } },
    });
    const params = doc.paths['/api/v1/tokens/{id}'].delete.parameters;
    expect(params).toEqual([expect.objectContaining({ in: 'path', name: 'id', required: true })]);
  });

  it("refuses a sign-in body that breaks the schema with the sign-in form's own message", async () => {
    const client = new TestClient(app);
    const empty = await client.api('POST', '/api/v1/session', { identifier: '   ', password: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      code: 'account.invalid_input',
      message: 'Enter your username or e-mail address.',
    });
    const form = await client.post('/login', { identifier: '   ', password: 'x' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Enter your username or e-mail address.');
  });

  it('tells an anonymous program to sign in before looking at its token body', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { name: ' ', scope: 'root' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });
});
