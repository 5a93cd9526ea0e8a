import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { type FakeArxiv, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { seedListed } from '../../../test/support/seed.js';
import { storeFactories } from '../../../test/support/stores.js';
import { createPoliteFetcher } from '../../ingest/http/polite-fetcher.js';
import { runJobOnce } from '../../jobs/runner.js';
import type { Store } from '../../store/store.js';
import { startMetricsServer } from './metrics-server.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const logger = pino({ level: 'silent' });

/** The value of one sample line of the Prometheus text format (labels matched as written, in order). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe.each(storeFactories)('operator endpoints on $dialect', (factory) => {
  let store: Store;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await store.close().catch(() => {});
  });

  it('healthz answers without touching the store; readyz reports every check when all is well', async (ctx) => {
    store = await factory.open(ctx.task.name);
    ({ app } = await buildTestApp({ store }));
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['set-cookie']).toBeUndefined();
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      failed: [],
      checks: { store: { ok: true }, migrations: { ok: true }, searchIndex: { ok: true, lag: 0 } },
    });
  });

  it('readyz answers 503 naming the search index while it is catching up, and 200 once it caught up', async (ctx) => {
    store = await factory.open(ctx.task.name);
    const built = await buildTestApp({ store, env: { DAILYPAPERS_READINESS_MAX_INDEX_LAG: '2' } });
    app = built.app;
    await seedListed(
      store,
      [1, 2, 3].map(() => ({ day: '2024-05-01' })),
    );
    const behind = await app.inject({ url: '/readyz' });
    expect(behind.statusCode).toBe(503);
    expect(behind.json()).toMatchObject({
      status: 'unavailable',
      failed: ['searchIndex'],
      checks: { store: { ok: true }, migrations: { ok: true }, searchIndex: { ok: false, lag: 3, maxLag: 2 } },
    });
    expect(behind.json().checks.searchIndex.message).toMatch(/catching up: 3 store changes behind/);
    await built.syncSearch();
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('readiness failures of the store (SQLite)', () => {
  let store: Store;
  let app: FastifyInstance;
  afterEach(async () => {
    await app.close();
    await store.close().catch(() => {});
  });

  it('names the migrations a database lacks', async () => {
    store = await storeFactories[0]!.open('pending');
    ({ app } = await buildTestApp({ store }));
    if (store.connection.dialect !== 'sqlite') throw new Error('sqlite expected');
    const last = store.connection.sqlite.prepare('SELECT max(version) AS v FROM schema_migrations').get() as {
      v: number;
    };
    store.connection.sqlite.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.v);
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().failed).toEqual(['migrations']);
    expect(res.json().checks.migrations.pending).toHaveLength(1);
    expect(res.json().checks.migrations.pending[0]).toMatch(new RegExp(`^${last.v}_`));
  });

  it('says the store is unreachable when its connection is gone, and stays alive', async () => {
    store = await storeFactories[0]!.open('gone');
    ({ app } = await buildTestApp({ store }));
    if (store.connection.dialect !== 'sqlite') throw new Error('sqlite expected');
    store.connection.sqlite.close();
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().failed).toEqual(['store', 'migrations', 'searchIndex']);
    expect(res.json().checks.store.message).toMatch(/sqlite is unreachable/);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('Prometheus metrics', () => {
  let store: Store;
  let app: FastifyInstance;
  let arxiv: FakeArxiv | undefined;
  afterEach(async () => {
    await app.close();
    await store.close();
    await arxiv?.close();
  });

  it('are not served on the public port without metrics.token, and need that token when it is set', async () => {
    store = await storeFactories[0]!.open('metrics-token');
    ({ app } = await buildTestApp({ store }));
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
    await app.close();
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_METRICS_TOKEN: TOKEN } }));
    const none = await app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    const wrong = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('time requests by route pattern, count job runs and arXiv outcomes, and read index lag and outbox depth', async () => {
    store = await storeFactories[0]!.open('metrics-content');
    const built = await buildTestApp({ store, env: { DAILYPAPERS_METRICS_TOKEN: TOKEN } });
    app = built.app;
    const { metrics } = built.services;
    await seedListed(store, [{ day: '2024-05-01', paper: { arxivId: '2405.00001' } }]);
    for (const url of ['/papers/2405.00001', '/papers/2405.00001', '/papers/2405.99999', '/no/such/page'])
      await app.inject({ url });
    await runJobOnce({
      job: { name: 'listings', doc: 'test', schedule: '', run: async () => ({ changed: false, message: 'none' }) },
      jobs: store.jobs,
      logger,
      observe: metrics.observeJob,
    });
    await runJobOnce({
      job: { name: 'harvest', doc: 'test', schedule: '', run: async () => Promise.reject(new Error('arXiv down')) },
      jobs: store.jobs,
      logger,
      observe: metrics.observeJob,
    });
    arxiv = await startFakeArxiv();
    arxiv.script({ kind: 'retry-after' }, { kind: 'normal' }, { kind: 'status', status: 404 });
    const fetcher = createPoliteFetcher({
      userAgent: 'dailypapers-test (+ops@example.org)',
      minDelayMs: 0,
      timeoutMs: 5000,
      maxRetries: 1,
      maxRetryAfterMs: 10,
      onAttempt: metrics.arxivAttempts('harvest'),
    });
    await fetcher.fetchText(`${arxiv.oaiUrl}?verb=ListRecords&metadataPrefix=arXivRaw`);
    await expect(fetcher.fetchText(`${arxiv.oaiUrl}?verb=ListRecords&metadataPrefix=arXivRaw`)).rejects.toThrow(/404/);

    const text = (await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const count = (labels: string) => sample(text, `dailypapers_http_request_duration_seconds_count{${labels}}`);
    expect(count('method="GET",route="/papers/*",status_code="200"')).toBe(2);
    expect(count('method="GET",route="/papers/*",status_code="404"')).toBe(1);
    expect(count('method="GET",route="(unmatched)",status_code="404"')).toBe(1);
    expect(text).not.toContain('2405.00001');
    expect(text).not.toContain('/no/such/page');
    expect(sample(text, 'dailypapers_job_runs_total{job="listings",status="ok"}')).toBe(1);
    expect(sample(text, 'dailypapers_job_runs_total{job="harvest",status="failed"}')).toBe(1);
    expect(sample(text, 'dailypapers_job_duration_seconds_count{job="listings"}')).toBe(1);
    expect(sample(text, 'dailypapers_arxiv_requests_total{client="harvest",outcome="http_5xx"}')).toBe(1);
    expect(sample(text, 'dailypapers_arxiv_requests_total{client="harvest",outcome="ok"}')).toBe(1);
    expect(sample(text, 'dailypapers_arxiv_requests_total{client="harvest",outcome="http_4xx"}')).toBe(1);
    // One paper stored after the index was built: one change behind, until the follower applies it.
    expect(sample(text, 'dailypapers_search_index_lag')).toBe(1);
    await built.syncSearch();
    const after = (await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(sample(after, 'dailypapers_search_index_lag')).toBe(0);
    expect(sample(after, 'dailypapers_digest_outbox{status="pending"}')).toBe(0);
  });

  it('counts the outbox by status', async () => {
    store = await storeFactories[0]!.open('metrics-outbox');
    const built = await buildTestApp({ store, env: { DAILYPAPERS_METRICS_TOKEN: TOKEN } });
    app = built.app;
    const now = new Date().toISOString();
    const ids: number[] = [];
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      const preferences = {
        period: 'daily' as const,
        maxPapers: 10,
        includeCategories: [],
        excludeCategories: [],
        followAuthors: [],
        forYou: false,
        sendHour: 7,
        timezone: 'UTC',
      };
      ids.push(await store.subscriptions.create({ email, userId: null, status: 'confirmed', preferences, now }));
    }
    await store.digestOutbox.insertBuilt(
      ids.map((subscriptionId) => ({
        subscriptionId,
        periodKey: 'daily:2024-05-01',
        content: { top: [], searches: [], forYou: [] },
        status: 'pending' as const,
      })),
      now,
    );
    const claimed = await store.digestOutbox.claimNext('test', now);
    await store.digestOutbox.markFailed(claimed!.id, 'test', 'mailbox does not exist');
    const text = (await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(sample(text, 'dailypapers_digest_outbox{status="pending"}')).toBe(2);
    expect(sample(text, 'dailypapers_digest_outbox{status="failed"}')).toBe(1);
    expect(sample(text, 'dailypapers_digest_outbox{status="sending"}')).toBe(0);
  });

  it('stay out of the OpenAPI document and the API rate limit', async () => {
    store = await storeFactories[0]!.open('metrics-openapi');
    ({ app } = await buildTestApp({
      store,
      env: { DAILYPAPERS_METRICS_TOKEN: TOKEN, DAILYPAPERS_API_REQUESTS_PER_MINUTE_PER_IP: '2' },
    }));
    const paths = Object.keys((await app.inject({ url: '/api/openapi.json' })).json().paths);
    expect(paths.length).toBeGreaterThan(5);
    for (const p of ['/healthz', '/readyz', '/metrics']) expect(paths).not.toContain(p);
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      const m = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(m.statusCode).toBe(200);
    }
  });

  it('are served without a token on the separate metrics listener, with health and readiness', async () => {
    store = await storeFactories[0]!.open('metrics-listener');
    const built = await buildTestApp({ store });
    app = built.app;
    const listener = await startMetricsServer({ services: built.services, port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${listener.address}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE dailypapers_search_index_lag gauge');
      expect((await fetch(`${listener.address}/readyz`)).status).toBe(200);
      expect((await fetch(`${listener.address}/healthz`)).status).toBe(200);
      expect((await fetch(`${listener.address}/`)).status).toBe(404);
    } finally {
      await listener.app.close();
    }
  });
});
