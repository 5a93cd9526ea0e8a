import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { openStore, type Store } from '../../store/store.js';
import { makeToken, withToken } from '../api/tokens.test-utils.js';
import { makeUser } from '../pages/community.test-utils.js';

describe('API rate limits', () => {
  let store: Store;
  let app: FastifyInstance;
  const get = (url: string, remoteAddress: string, token: string | null = null) =>
    withToken(app, token, 'GET', url, undefined, remoteAddress);

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: { DAILYPAPERS_API_REQUESTS_PER_MINUTE_PER_IP: '3', DAILYPAPERS_API_REQUESTS_PER_MINUTE_PER_TOKEN: '5' },
    }));
    await makeUser(store, { username: 'ada' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('says where a caller stands on every API answer, and counts down', async () => {
    const first = await get('/api/v1/daily', '10.0.0.1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(first.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
    expect((await get('/api/daily_papers', '10.0.0.1')).headers['ratelimit-remaining']).toBe('1');
    // Browsers may read them cross-origin.
    const cors = await app.inject({
      url: '/api/v1/daily',
      remoteAddress: '10.0.0.9',
      headers: { origin: 'https://x.example' },
    });
    expect(String(cors.headers['access-control-expose-headers'])).toContain('RateLimit-Remaining');
  });

  it('answers 429 with a JSON error and Retry-After once an IP has used its requests, other IPs unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/daily', '10.0.0.2')).statusCode).toBe(200);
    const refused = await get('/api/v1/daily', '10.0.0.2');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', requestId: expect.any(String) });
    expect(refused.headers['retry-after']).toBe(refused.headers['ratelimit-reset']);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect((await get('/api/v1/daily', '10.0.0.3')).statusCode).toBe(200);
  });

  it('counts token requests per token wherever they come from, apart from the IP’s own allowance', async () => {
    const { token } = await makeToken(store, { username: 'ada', scope: 'read' });
    for (let i = 0; i < 3; i++) await get('/api/v1/daily', '10.0.0.4');
    expect((await get('/api/v1/daily', '10.0.0.4')).statusCode).toBe(429);
    const addresses = ['10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7', '10.0.0.8'];
    for (const [i, address] of addresses.entries()) {
      const res = await get('/api/v1/daily', address, token);
      expect(res.statusCode, address).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      expect(res.headers['ratelimit-remaining']).toBe(String(4 - i));
    }
    const refused = await get('/api/v1/daily', '10.0.0.9', token);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    // Another token of the same user has its own allowance.
    const other = await makeToken(store, { username: 'ada', scope: 'read' });
    expect((await get('/api/v1/daily', '10.0.0.9', other.token)).statusCode).toBe(200);
  });

  it('leaves pages and feeds out of the API limit', async () => {
    for (let i = 0; i < 5; i++) {
      const page = await app.inject({ url: '/', remoteAddress: '10.0.1.1' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['ratelimit-limit']).toBeUndefined();
      expect((await app.inject({ url: '/feeds/daily.rss', remoteAddress: '10.0.1.1' })).statusCode).toBe(200);
    }
  });

  it('is off when rate limiting is disabled', async () => {
    const { app: open } = await buildTestApp({
      store,
      env: { DAILYPAPERS_RATE_LIMIT_ENABLED: 'false', DAILYPAPERS_API_REQUESTS_PER_MINUTE_PER_IP: '1' },
    });
    for (let i = 0; i < 3; i++) {
      const res = await open.inject({ url: '/api/v1/daily', remoteAddress: '10.0.2.1' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    await open.close();
  });
});
