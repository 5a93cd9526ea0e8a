// npm run bench:soak — a bounded soak test on loopback: starts the built server (`node bin/dailypapers.js serve`,
// run `npm run build` first) on a fresh data directory with the demo data, signs in bench users, and runs 50
// closed-loop clients for N minutes: mixed reads (daily pages, paper pages, search, JSON API, trending) and writes
// (upvote toggles and comments by the signed-in users, through the same form posts and CSRF tokens as a browser).
// Prints per minute: requests, errors, p50/p95/p99 latency and the server's RSS. Asserts nothing.
//
//   npm run bench:soak -- [--minutes 10] [--clients 50] [--users 10] [--keep]
//
// The load comes from a Node loop rather than wrk: every write needs a session cookie and a CSRF token bound to
// it, and percentiles per minute come straight from the recorded latencies. Rate limits are off for the run (50
// clients share one IP and ten accounts; the limits would answer most writes with 429, which is their job).

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from '../test/support/free-port.js';
import { cliNodeFlags } from './cli-node-flags.js';
import { BenchClient } from './http-client.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MINUTES = flag('minutes', 10);
const CLIENTS = flag('clients', 50);
const USERS = flag('users', 10);
const ROOT = path.resolve('.bench', 'soak');
const DATA = path.join(ROOT, 'data');
const PASSWORD = 'soak-bench-password-1';
const CLI = path.resolve('bin', 'dailypapers.js');
const SEARCHES = ['transformer', 'language model', 'diffusion', 'graph neural network', 'reinforcement learning'];
const SEARCHES2 = ['attention', 'benchmark', '"large language models"', 'robot', 'quantization', 'author:chen'];

let seed = 20_261_201;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function runCli(cliArgs: string[], env: Record<string, string>, stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...cliArgs], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cliArgs.join(' ')} exited ${code}`))));
  });
}

interface Minute {
  latencies: number[];
  errors: number;
  byKind: Map<string, number[]>;
}

async function main() {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(DATA, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    DAILYPAPERS_DATA: DATA,
    DAILYPAPERS_SECRET: 'soak'.repeat(10),
    DAILYPAPERS_RATE_LIMIT_ENABLED: 'false',
    DAILYPAPERS_LOG_LEVEL: 'warn',
    // Loopback only: nothing may reach arXiv, whatever a schedule does.
    DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
    DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
    DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
  };
  const server = spawn(process.execPath, [...cliNodeFlags(CLI), CLI, 'serve', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stopServer = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stopServer);
  for (const until = Date.now() + 180_000; ; ) {
    const up = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) throw new Error('the server did not become ready');
    await new Promise((r) => setTimeout(r, 500));
  }
  for (let u = 1; u <= USERS; u++)
    await runCli(
      ['user', 'create', `bench${u}`, '--email', `bench${u}@example.org`, '--password-stdin'],
      env,
      PASSWORD,
    );
  const db = new Database(path.join(DATA, 'dailypapers.db'), { readonly: true });
  const listed = db
    .prepare('SELECT DISTINCT p.arxiv_id FROM listings l JOIN papers p ON p.id = l.paper_id')
    .pluck()
    .all() as string[];
  const days = db.prepare('SELECT DISTINCT listed_on FROM listings').pluck().all() as string[];
  const papers = db.prepare('SELECT arxiv_id FROM papers ORDER BY random() LIMIT 2000').pluck().all() as string[];
  db.close();
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const c = new BenchClient(base);
      await c.signIn(`bench${(i % USERS) + 1}`, PASSWORD);
      return c;
    }),
  );
  process.stdout.write(
    `soak: ${CLIENTS} clients (signed in as ${USERS} accounts), ${MINUTES} min, ${listed.length} listed papers on ${days.length} days, ${papers.length} papers sampled; server pid ${server.pid}\n`,
  );

  type Action = { kind: string; weight: number; run: (c: BenchClient) => Promise<{ status: number }> };
  const actions: Action[] = [
    { kind: 'daily', weight: 15, run: (c) => c.request('/') },
    { kind: 'day', weight: 10, run: (c) => c.request(`/papers?date=${pick(days)}`) },
    { kind: 'paper', weight: 20, run: (c) => c.request(`/papers/${pick(random() < 0.7 ? listed : papers)}`) },
    { kind: 'search', weight: 15, run: (c) => c.request(`/search?q=${encodeURIComponent(pick(SEARCHES2))}`) },
    { kind: 'api', weight: 20, run: (c) => c.request(apiPath()) },
    { kind: 'trending', weight: 5, run: (c) => c.request('/trending') },
    {
      kind: 'vote',
      weight: 10,
      run: (c) =>
        c.request(`/papers/${pick(listed)}/upvote`, {
          method: 'POST',
          form: { state: random() < 0.6 ? 'on' : 'off', _csrf: c.csrf },
        }),
    },
    {
      kind: 'comment',
      weight: 5,
      run: (c) =>
        c.request(`/papers/${pick(listed)}/comments`, {
          method: 'POST',
          form: { body: `Soak comment ${Math.floor(random() * 1e9)}: $x^2$ and **bold**.`, _csrf: c.csrf },
        }),
    },
  ];
  function apiPath(): string {
    const r = random();
    if (r < 0.4) return `/api/v1/daily?date=${pick(days)}`;
    if (r < 0.7) return `/api/v1/papers/${pick(listed)}`;
    return `/api/v1/search?q=${encodeURIComponent(pick(SEARCHES))}`;
  }
  const totalWeight = actions.reduce((n, a) => n + a.weight, 0);
  const choose = () => {
    let r = random() * totalWeight;
    for (const a of actions) {
      r -= a.weight;
      if (r < 0) return a;
    }
    return actions[0]!;
  };

  const minutes: Minute[] = [];
  const fresh = (): Minute => ({ latencies: [], errors: 0, byKind: new Map() });
  let current = fresh();
  const errorSamples: string[] = [];
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  const loop = async (c: BenchClient) => {
    while (Date.now() < end) {
      const action = choose();
      const t0 = performance.now();
      let ok = false;
      let status = 0;
      try {
        status = (await action.run(c)).status;
        ok = status < 400;
      } catch (error) {
        status = -1;
        if (errorSamples.length < 5) errorSamples.push(`${action.kind}: ${(error as Error).message}`);
      }
      const m = current;
      m.latencies.push(performance.now() - t0);
      const ofKind = m.byKind.get(action.kind) ?? [];
      ofKind.push(m.latencies.at(-1)!);
      m.byKind.set(action.kind, ofKind);
      if (!ok) {
        m.errors++;
        if (errorSamples.length < 5) errorSamples.push(`${action.kind}: HTTP ${status}`);
      }
    }
  };
  const rssMiB = () => {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  };
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  process.stdout.write('minute  requests   req/s  errors   p50 ms   p95 ms   p99 ms  server RSS MiB\n');
  const rssStart = rssMiB();
  const ticker = setInterval(() => {
    const m = current;
    current = fresh();
    minutes.push(m);
    const sorted = m.latencies.sort((a, b) => a - b);
    process.stdout.write(
      `${String(minutes.length).padStart(6)}  ${String(sorted.length).padStart(8)}  ${(sorted.length / 60).toFixed(0).padStart(6)}  ${String(m.errors).padStart(6)}  ${pct(sorted, 0.5).toFixed(1).padStart(7)}  ${pct(sorted, 0.95).toFixed(1).padStart(7)}  ${pct(sorted, 0.99).toFixed(1).padStart(7)}  ${rssMiB().toFixed(0).padStart(14)}\n`,
    );
  }, 60_000);
  await Promise.all(clients.map(loop));
  clearInterval(ticker);
  if (current.latencies.length > 0 && minutes.length < MINUTES) minutes.push(current);
  const all = minutes.flatMap((m) => m.latencies).sort((a, b) => a - b);
  const errors = minutes.reduce((n, m) => n + m.errors, 0);
  const kinds = new Map<string, number[]>();
  for (const m of minutes) for (const [k, l] of m.byKind) kinds.set(k, (kinds.get(k) ?? []).concat(l));
  const kindLine = (k: string, l: number[]) => {
    const sorted = l.sort((a, b) => a - b);
    return `${k} ${sorted.length} (p50 ${pct(sorted, 0.5).toFixed(0)}, p95 ${pct(sorted, 0.95).toFixed(0)} ms)`;
  };
  const p95s = minutes.filter((m) => m.latencies.length > 0).map((m) => pct(m.latencies, 0.95));
  process.stdout.write(
    [
      `total: ${all.length} requests in ${((Date.now() - started) / 1000).toFixed(0)} s, ${errors} errors; p50 ${pct(all, 0.5).toFixed(1)} ms, p95 ${pct(all, 0.95).toFixed(1)} ms, p99 ${pct(all, 0.99).toFixed(1)} ms`,
      `p95 per minute: first ${p95s[0]?.toFixed(1)} ms, last ${p95s.at(-1)?.toFixed(1)} ms, min ${Math.min(...p95s).toFixed(1)}, max ${Math.max(...p95s).toFixed(1)}`,
      `server RSS: ${rssStart.toFixed(0)} MiB after sign-in, ${rssMiB().toFixed(0)} MiB at the end`,
      `by kind: ${[...kinds].map(([k, l]) => kindLine(k, l)).join(', ')}`,
      ...(errorSamples.length ? [`first errors: ${errorSamples.join('; ')}`] : []),
      '',
    ].join('\n'),
  );
  const exit = new Promise((r) => server.once('exit', r));
  stopServer();
  await exit;
  if (!args.includes('--keep')) rmSync(ROOT, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
