import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../community/community.errors.js';
import { AppError, createErrorFactory } from '../core/errors.js';
import { html } from '../render/html.js';
import { showRefusal } from './form-refusal.js';

describe('showRefusal', () => {
  const refused = createErrorFactory({ code: 'testing.form_refused', status: 409, message: 'That name is taken.' });
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) =>
    reply.status(500).send({ handled: error instanceof AppError ? error.code : 'plain' }),
  );
  app.post<{ Body: { fail: string } }>('/form', async (request, reply) => {
    try {
      if (request.body.fail === 'refusal') throw refused();
      if (request.body.fail === 'wait') throw new RateLimitedError(7);
      if (request.body.fail === 'ours') throw new AppError('testing.broken', 503, 'down');
      throw new Error('plain failure');
    } catch (error) {
      return showRefusal(reply, error, (refusal) => html`<p class="error">${refusal.message}</p><input value="x&y">`);
    }
  });
  afterAll(() => app.close());

  const post = (fail: string) => app.inject({ method: 'POST', url: '/form', payload: { fail } });

  it('renders the form again with the refusal, at its status, never cached by shared caches', async () => {
    const res = await post('refusal');
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.body).toBe('<p class="error">That name is taken.</p><input value="x&y">');
  });

  it('says how long to wait when the refusal is for now', async () => {
    const res = await post('wait');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body).toContain('Please wait 7 seconds');
  });

  it('hands failures on our side, typed or not, to the error handler', async () => {
    expect((await post('ours')).json()).toEqual({ handled: 'testing.broken' });
    expect((await post('plain')).json()).toEqual({ handled: 'plain' });
  });
});
