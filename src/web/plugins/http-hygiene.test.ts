import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { loadConfig } from '../../config/config.js';
import { buildServices } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';
import { makeToken } from '../api/tokens.test-utils.js';
import { makeUser } from '../pages/community.test-utils.js';
import { buildServer } from '../server.js';
import { isNotModified, requestIdFrom, weakEtag } from './http-hygiene.js';

describe('conditional requests', () => {
  const etag = weakEtag('payload');
  const lastModified = 'Wed, 01 May 2024 10:00:00 GMT';
  const check = (h: { ifNoneMatch?: string; ifModifiedSince?: string }) =>
    isNotModified({ ifNoneMatch: h.ifNoneMatch, ifModifiedSince: h.ifModifiedSince, etag, lastModified });

  it('matches If-None-Match weakly, in lists and with *', () => {
    expect(check({ ifNoneMatch: etag })).toBe(true);
    expect(check({ ifNoneMatch: etag.slice(2) })).toBe(true);
    expect(check({ ifNoneMatch: `W/"other", ${etag}` })).toBe(true);
    expect(check({ ifNoneMatch: '*' })).toBe(true);
    expect(check({ ifNoneMatch: 'W/"other"' })).toBe(false);
  });

  it('uses If-Modified-Since only without If-None-Match, at one-second resolution', () => {
    expect(check({ ifModifiedSince: lastModified })).toBe(true);
    expect(check({ ifModifiedSince: 'Wed, 01 May 2024 10:00:01 GMT' })).toBe(true);
    expect(check({ ifModifiedSince: 'Wed, 01 May 2024 09:59:59 GMT' })).toBe(false);
    expect(check({ ifModifiedSince: 'not a date' })).toBe(false);
    expect(check({ ifNoneMatch: 'W/"other"', ifModifiedSince: lastModified })).toBe(false);
    expect(
      isNotModified({ ifNoneMatch: undefined, ifModifiedSince: lastModified, etag, lastModified: undefined }),
    ).toBe(false);
  });
});

describe('request ids', () => {
  const req = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as never;

  it("keeps a proxy's well-formed X-Request-Id and replaces anything else with a UUID", () => {
    expect(requestIdFrom(req('edge-1234abcd'))).toBe('edge-1234abcd');
    for (const bad of [undefined, 'short', 'has space inside', 'line\nbreak-injected', 'x'.repeat(200)]) {
      expect(requestIdFrom(req(bad))).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('HTTP hygiene on the real server', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [{ day: '2024-05-01', paper: { arxivId: '2405.00011' } }]);
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_HTTP_PUBLIC_MAX_AGE_SECONDS: '120' } }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('makes public reads cacheable, validatable and readable from other origins', async () => {
    const res = await app.inject({ url: '/api/v1/papers/2405.00011', headers: { origin: 'https://tool.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('Link');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=120');
    const again = await app.inject({
      url: '/api/v1/papers/2405.00011',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['content-length']).toBeUndefined();
    expect(again.headers.etag).toBe(res.headers.etag);
  });

  it('leaves HTML pages, errors and requests with credentials out of shared caches and CORS', async () => {
    const page = await app.inject({ url: '/', headers: { origin: 'https://tool.example' } });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-cache');
    // Pages have validators of their own (html-etag.ts), never a shared-cache lifetime, and vary with the cookie.
    expect(page.headers.etag).toMatch(/^W\//);
    expect(String(page.headers.vary)).toContain('Cookie');
    const missing = await app.inject('/api/v1/papers/2405.99999');
    expect(missing.headers['cache-control']).toBeUndefined();
    await makeUser(store, { username: 'reader' });
    const { token } = await makeToken(store, { username: 'reader', scope: 'read' });
    const withToken = await app.inject({
      url: '/api/v1/papers/2405.00011',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.headers['cache-control']).toBe('private, no-cache');
    const signedIn = await app.inject({ url: '/feeds/daily.rss', headers: { cookie: 'session=abc' } });
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    expect(signedIn.headers.etag).toBeDefined();
  });

  it('allows only reads in CORS preflights, and none outside public resources', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/daily_papers',
      headers: {
        origin: 'https://tool.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const elsewhere = await app.inject({
      method: 'OPTIONS',
      url: '/papers/2405.00011/upvote',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    expect(elsewhere.statusCode).toBe(404);
  });

  it('compresses large answers with brotli or gzip, as the client prefers, and leaves small ones alone', async () => {
    const plain = await app.inject('/api/openapi.json');
    const br = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gzip = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    const small = await app.inject({ url: '/api/v1/papers/2405.99999', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('answers with the request id in a header and in error bodies, keeping a proxy-given one', async () => {
    const res = await app.inject('/api/v1/papers/2405.99999');
    expect(res.json().error.requestId).toBe(res.headers['x-request-id']);
    const given = await app.inject({ url: '/api/v1/papers/2405.99999', headers: { 'x-request-id': 'edge-1234abcd' } });
    expect(given.headers['x-request-id']).toBe('edge-1234abcd');
    expect(given.json().error.requestId).toBe('edge-1234abcd');
  });
});

describe('request logs', () => {
  it('carry the request id of each request', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const store = await openStore({ sqliteFile: ':memory:' });
    const config = loadConfig({ env: { DAILYPAPERS_SECRET: 'x'.repeat(40) }, file: undefined });
    const services = await buildServices({ config, logger, store, searchIndexPath: ':memory:' });
    const app = await buildServer({ services, logger });
    try {
      const res = await app.inject({ url: '/api/daily_papers', headers: { 'x-request-id': 'trace-abc12345' } });
      expect(res.statusCode).toBe(200);
      const mine = lines.filter((l) => l.reqId === 'trace-abc12345');
      expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    } finally {
      await app.close();
      await services.close();
    }
  });
});
