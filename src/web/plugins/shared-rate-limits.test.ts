import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { storeFactories } from '../../../test/support/stores.js';
import type { Store } from '../../store/store.js';

const postgres = storeFactories.find((f) => f.dialect === 'postgres')!;

// Two app processes behind a load balancer, on one PostgreSQL database.
describe('rate limits shared by several app processes on PostgreSQL', () => {
  let store: Store;
  let a: FastifyInstance;
  let b: FastifyInstance;
  const get = (app: FastifyInstance, remoteAddress: string) =>
    app.inject({ url: '/api/v1/daily', remoteAddress, headers: { accept: 'application/json' } });

  beforeAll(async () => {
    store = await postgres.open('shared rate limits');
    const env = { DAILYPAPERS_API_REQUESTS_PER_MINUTE_PER_IP: '3' };
    a = (await buildTestApp({ store, env })).app;
    b = (await buildTestApp({ store, env })).app;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await store.close();
  });

  it('counts one allowance across processes: the fourth request is refused whichever process gets it', async () => {
    expect((await get(a, '10.1.0.1')).headers['ratelimit-remaining']).toBe('2');
    expect((await get(b, '10.1.0.1')).headers['ratelimit-remaining']).toBe('1');
    expect((await get(a, '10.1.0.1')).statusCode).toBe(200);
    const refused = await get(b, '10.1.0.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(b, '10.1.0.2')).statusCode).toBe(200);
  });

  it('names the limiter in each shared counter, so limiters on the same IP never add up', async () => {
    for (let i = 0; i < 3; i++) await get(a, '10.1.0.3');
    expect((await get(b, '10.1.0.3')).statusCode).toBe(429);
    const now = Date.now();
    expect((await store.rateLimits.peek({ key: 'api/ip:10.1.0.3', windowMs: 60_000, now }))?.hits).toBe(4);
    expect(await store.rateLimits.peek({ key: 'ip:10.1.0.3', windowMs: 60_000, now })).toBeNull();
  });
});
