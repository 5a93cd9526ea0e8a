// Prometheus metrics (prom-client) of one process, on a registry of its own (no global state: tests build many
// apps in one process). Counters and histograms are fed by the HTTP layer, the job runner and the arXiv fetchers;
// gauges read the store and the search index when scraped, so they are true at scrape time and cost nothing between.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AttemptOutcome } from '../ingest/http/polite-fetcher.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';

export type JobRunStatus = 'ok' | 'failed' | 'interrupted' | 'busy';

export interface Metrics {
  readonly registry: Registry;
  /** One finished HTTP request; `route` is the route pattern (`/papers/*`), never the raw URL. */
  observeRequest(r: { method: string; route: string; status: number; seconds: number }): void;
  /** One run of a background job; `busy`: another process held its lease; `interrupted`: stopped by a shutdown. */
  observeJob(r: { job: string; status: JobRunStatus; seconds?: number }): void;
  /** A callback for a polite fetcher: counts each HTTP attempt to arXiv by client and outcome. */
  arxivAttempts(client: 'harvest' | 'listings' | 'submission'): (outcome: AttemptOutcome) => void;
  /** Adds the process gauges (memory, CPU, event loop lag, GC); `serve` turns them on, once per process. */
  collectProcessMetrics(): void;
  /** Prometheus text exposition. */
  render(): Promise<{ contentType: string; body: string }>;
}

// Page renders are milliseconds; imports through the API and searches at 1M papers reach seconds.
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Jobs run from a second (an empty listings poll) to tens of minutes (a first harvest, an embedding backlog).
const JOB_BUCKETS = [0.1, 1, 5, 15, 60, 300, 900, 3600];

export function createMetrics(opts: { store: Store; search: SearchIndex }): Metrics {
  const registry = new Registry();
  const requests = new Histogram({
    name: 'dailypapers_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: 'dailypapers_job_runs_total',
    help: 'Background job runs in this process, by job and outcome (interrupted: stopped by shutdown at a checkpoint; busy: another process held the lease).',
    labelNames: ['job', 'status'],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'dailypapers_job_duration_seconds',
    help: 'Duration of background job runs in this process, by job.',
    labelNames: ['job'],
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const arxiv = new Counter({
    name: 'dailypapers_arxiv_requests_total',
    help: 'HTTP attempts to arXiv (retries count again), by client and outcome: ok, http_4xx, http_429, http_5xx, timeout, network.',
    labelNames: ['client', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'dailypapers_search_index_lag',
    help: "Store changes this process's search index has not applied yet.",
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await opts.store.papers.maxChangeSeq()) - opts.search.lastSeq()));
    },
  });
  new Gauge({
    name: 'dailypapers_digest_outbox',
    help: 'Digests in the outbox by status: pending (due or backing off), sending, failed (permanently).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const depth = await opts.store.digestOutbox.depth();
      for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
    },
  });
  let processMetrics = false;

  return {
    registry,
    observeRequest: ({ method, route, status, seconds }) =>
      requests.observe({ method, route, status_code: String(status) }, seconds),
    observeJob: ({ job, status, seconds }) => {
      jobRuns.inc({ job, status });
      if (seconds !== undefined) jobDuration.observe({ job }, seconds);
    },
    arxivAttempts: (client) => (outcome) => arxiv.inc({ client, outcome }),
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
