import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createErrorFactory } from '../core/errors.js';
import { installErrorHandling } from './errors.js';

describe('the one error handler', () => {
  const app = Fastify();
  const refusal = createErrorFactory({ code: 'testing_web.refused', status: 409, message: 'Already there.' });
  const upstream = createErrorFactory({
    code: 'testing_web.upstream',
    status: 502,
    message: 'arXiv is down; try later.',
    expose: true,
  });
  const internal = createErrorFactory({ code: 'testing_web.internal', status: 500, message: 'open /srv/x/index.db' });
  installErrorHandling(app, { logger: pino({ level: 'silent' }) });
  app.get('/api/refusal', async () => Promise.reject(refusal()));
  app.get('/api/upstream', async () => Promise.reject(upstream()));
  app.get('/api/internal', async () => Promise.reject(internal()));
  afterAll(() => app.close());

  it('shows refusals and exposed failures with their message and code', async () => {
    const a = await app.inject('/api/refusal');
    expect([a.statusCode, a.json().error.code, a.json().error.message]).toEqual([
      409,
      'testing_web.refused',
      'Already there.',
    ]);
    const b = await app.inject('/api/upstream');
    expect([b.statusCode, b.json().error.message]).toEqual([502, 'arXiv is down; try later.']);
  });

  it('never shows the message of a failure on our side (it names internals)', async () => {
    const c = await app.inject('/api/internal');
    expect(c.statusCode).toBe(500);
    expect(c.json().error.code).toBe('testing_web.internal');
    expect(c.body).not.toContain('/srv/x');
  });
});
