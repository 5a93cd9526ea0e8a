import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { validated } from './validation.js';

describe('validated()', () => {
  const app = Fastify();
  const input = z.object({ name: z.string().trim().min(1, 'Give it a name.').max(5, 'At most 5 characters.') });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send({ code: error.code, message: error.message });
    return reply.status(500).send({ code: 'internal' });
  });
  app.post('/things', validated({ body: input }, { code: 'things.invalid' }), async (request) => request.body);
  // A field refused in two ways clients tell apart names its own code in the issue (core/input-issues.ts).
  const note = z.object({
    text: z.string().superRefine((text, ctx) => {
      if (text === '') ctx.addIssue({ code: 'custom', message: 'Write something.', params: { code: 'notes.empty' } });
    }),
  });
  app.post('/notes', validated({ body: note }, { code: 'notes.invalid' }), async (request) => request.body);
  afterAll(() => app.close());

  it('hands the handler zod output and documents the JSON Schema', async () => {
    const ok = await app.inject({ method: 'POST', url: '/things', payload: { name: '  abc  ' } });
    expect(ok.json()).toEqual({ name: 'abc' });
    const route = validated({ body: input }, { code: 'x.y' });
    expect(route.schema.body).toMatchObject({ type: 'object', properties: { name: { type: 'string', maxLength: 5 } } });
  });

  it("refuses with the route's code and zod's message", async () => {
    const long = await app.inject({ method: 'POST', url: '/things', payload: { name: 'abcdefgh' } });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toEqual({ code: 'things.invalid', message: 'At most 5 characters.' });
    const empty = await app.inject({ method: 'POST', url: '/things', payload: { name: '   ' } });
    expect(empty.json().message).toBe('Give it a name.');
  });

  it("uses the code an issue names for itself, and the route's code for any other refusal", async () => {
    const empty = await app.inject({ method: 'POST', url: '/notes', payload: { text: '' } });
    expect(empty.json()).toEqual({ code: 'notes.empty', message: 'Write something.' });
    const missing = await app.inject({ method: 'POST', url: '/notes', payload: {} });
    expect(missing.json().code).toBe('notes.invalid');
  });
});
