// npm run bench:serve-catch-up -- --data DIR — `serve` on a store whose search index is empty (a fresh process on a
// large store, e.g. 1M papers imported with `dailypapers import`): how soon it listens, how fast /healthz answers
// while the first index sync runs (the event-loop delay seen from outside), what /readyz says meanwhile, whether
// searches answer from what is indexed, and when it is ready. Runs the built server (`npm run build` first) on
// loopback. Deletes DIR/search.db* first (the index is derived: nothing is lost). Asserts nothing.
//
//   npm run bench:serve-catch-up -- --data /work/bench-cache/index-bg-store-1m [--after-ready-s 120]
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../test/support/free-port.js';

const { values: args } = parseArgs({
  options: { data: { type: 'string' }, 'after-ready-s': { type: 'string', default: '120' } },
});
if (!args.data) throw new Error('--data DIR (a store with papers) is required');
const DATA = path.resolve(args.data);
const INDEX = path.join(DATA, 'search.db');
for (const suffix of ['', '-wal', '-shm', '.hnsw']) rmSync(INDEX + suffix, { force: true });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
const since = () => (performance.now() - started) / 1000;
const child = spawn(
  process.execPath,
  [path.resolve('bin', 'dailypapers.js'), 'serve', '--no-demo', '--port', `${port}`],
  {
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      DAILYPAPERS_DATA: DATA,
      DAILYPAPERS_LOG_LEVEL: 'warn',
      DAILYPAPERS_RATE_LIMIT_ENABLED: 'false',
      DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
      DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
      DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);

const timed = async (url: string) => {
  const t = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  return { ms: performance.now() - t, status: response.status, body };
};

let listeningAt: number | null = null;
let readyAt: number | null = null;
let mergedAt: number | null = null;
const catchingUp: number[] = [];
const afterReady: number[] = [];
const searches: string[] = [];
let lastPrint = 0;
const afterReadyS = Number(args['after-ready-s']);
try {
  for (;;) {
    const now = since();
    if (readyAt !== null && now - readyAt > afterReadyS) break;
    if (now > 3600) throw new Error('not ready within an hour');
    let health: Awaited<ReturnType<typeof timed>> | null = null;
    try {
      health = await timed(`${base}/healthz`);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    listeningAt ??= since();
    if (readyAt === null) catchingUp.push(health.ms);
    else afterReady.push(health.ms);
    if (readyAt === null || since() - lastPrint > 10) {
      const ready = await timed(`${base}/readyz`);
      const check = JSON.parse(ready.body).checks.searchIndex;
      if (since() - lastPrint > 10) {
        lastPrint = since();
        const search = await timed(`${base}/api/v1/search?q=neural+network&limit=10`);
        const total = search.status === 200 ? JSON.parse(search.body).total : search.status;
        searches.push(`${since().toFixed(0)} s: ${total} (${search.ms.toFixed(0)} ms)`);
        console.log(
          `${since().toFixed(0).padStart(5)} s  readyz ${ready.status} ${check.message}  | search "neural network": ${total} in ${search.ms.toFixed(0)} ms | healthz ${health.ms.toFixed(0)} ms`,
        );
      }
      if (ready.status === 200 && readyAt === null) readyAt = since();
    }
    // The stepwise merge ends with a TRUNCATE checkpoint: an empty WAL after the first sync means it finished.
    if (readyAt !== null && mergedAt === null && existsSync(`${INDEX}-wal`) && statSync(`${INDEX}-wal`).size === 0)
      mergedAt = since();
    await new Promise((r) => setTimeout(r, 200));
  }
} finally {
  child.kill('SIGTERM');
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const row = (name: string, xs: number[]) =>
  console.log(
    `${name.padEnd(34)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 0.5).toFixed(1)} ms  p99 ${pct(xs, 0.99).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`,
  );
console.log(`\nlistening (first /healthz 200): ${listeningAt?.toFixed(1)} s after spawn`);
console.log(`ready (/readyz 200):            ${readyAt?.toFixed(1)} s after spawn`);
console.log(`segment merge done (WAL empty): ${mergedAt === null ? 'not seen' : `${mergedAt.toFixed(1)} s`}`);
row('/healthz while catching up', catchingUp);
row(`/healthz ${afterReadyS} s after ready (merge)`, afterReady);
console.log(`searches during the run: ${searches.join('; ')}`);
