// npm run bench:http — our server beside a bare Fastify serving the same bytes, on loopback, bounded in time.
// Starts the built server (`node bin/dailypapers.js serve`; the npm script builds first) on a fresh data directory
// with the demo (or on --data DIR, e.g. a 1M-paper store), copies the bytes it answers for each measured path into a
// bare Fastify in its own process (bench/http-bare-server.ts), and runs wrk against both, interleaved (ours, bare,
// ours, bare …) so that the machine's load hits both alike; the ratios are what count. Then writes (upvote toggles
// and comments through the same form posts as a browser) alone and while 50 connections read `/`, and both
// servers' RSS. Prints numbers, asserts nothing.
//
//   npm run bench:http -- [--seconds 8] [--rounds 2] [--connections 50] [--writers 4] [--data DIR] [--cli PATH] [--keep]
//                         [--heap-snapshots DIR] [--server-flags '--flag …']
//
// After every phase it prints the server's memory (bench/http-memory.ts: RSS anonymous / file-backed, V8 heap,
// threads). --heap-snapshots DIR also writes a V8 heap snapshot of the server into DIR after each phase (through
// --heapsnapshot-signal; a snapshot costs time and memory itself, so figures from such a run are for diagnosis only).
// --server-flags: Node/V8 flags for the server process only (e.g. to compare heap settings in the same bench).
//
// --data DIR: an existing data directory (e.g. a copy of a 1M-paper store imported by bench:import). A store without
// listings (a plain `import`) is first given 40 listed papers a day over the last year, as bench:import lists them,
// so that `/` shows a busy community's day; the bench writes votes and comments into DIR, so pass a copy.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { addDays, todayUtc } from '../src/core/dates.js';
import { openStore } from '../src/store/store.js';
import { freePort } from '../test/support/free-port.js';
import { BenchClient } from './http-client.js';
import { formatMemory, readMemory } from './http-memory.js';
import { serverEnv, serverNodeFlags, spawnServer, waitForQuiet } from './http-server.js';
import { loadAverage, median, runWrk, type WrkResult } from './http-wrk.js';
import { topListedArxivIds } from './listed-papers.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = flag('seconds', 8);
const ROUNDS = flag('rounds', 2);
const CONNECTIONS = flag('connections', 50);
const WRITERS = flag('writers', 4);
const GIVEN_DATA = option('data');
const ROOT = path.resolve('.bench', 'http');
const DATA = GIVEN_DATA ? path.resolve(GIVEN_DATA) : path.join(ROOT, 'data');
// --cli: another build's bin/dailypapers.js (e.g. main's), to measure before and after with the same bench.
const CLI = path.resolve(option('cli') ?? path.join('bin', 'dailypapers.js'));
const PASSWORD = 'http-bench-password-1';
const HEAP_SNAPSHOTS = option('heap-snapshots');
// The server runs with the node flags of the CLI's own first line, as the installed command starts it, then any
// --server-flags.
const SERVER_FLAGS = serverNodeFlags(CLI, option('server-flags'));
const METRICS_TOKEN = 'http-bench-metrics-token-0123456789';
const QUERIES = [
  'transformer',
  'language model',
  'diffusion',
  'graph neural network',
  'reinforcement learning',
  'attention',
  'benchmark',
  '"large language models"',
  'robot',
  'quantization',
  'author:chen',
  'sparse mixture of experts',
];

const env = serverEnv({ dataDir: DATA, metricsToken: METRICS_TOKEN });

function runCli(cliArgs: string[], stdin = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...cliArgs], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.stdin.end(stdin);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cliArgs.join(' ')} exited ${code}`))));
  });
}

async function waitFor(url: string, seconds: number) {
  for (const until = Date.now() + seconds * 1000; ; ) {
    const up = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) return;
    if (Date.now() > until) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const rssMiB = (child: ChildProcess) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** A store without listings gets 40 a day over the last year (bench:import's), through the store's own writes. */
async function listPapersIfNone() {
  const store = await openStore({ dataDir: DATA });
  try {
    const db = store.connection.db;
    const { n } = await db
      .selectFrom('listings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) return;
    const ids = (
      await db
        .selectFrom('papers')
        .select('id')
        .orderBy('id')
        .limit(365 * 40)
        .execute()
    ).map((r) => r.id);
    const today = todayUtc();
    for (let i = 0; i < ids.length; i++)
      await store.listings.add({ paperId: ids[i]!, listedOn: addDays(today, -Math.floor(i / 40)), submittedBy: null });
    process.stdout.write(`bench:http: listed ${ids.length} papers in ${DATA} (40 a day over the last year)\n`);
  } finally {
    await store.close();
  }
}

async function main() {
  if (!GIVEN_DATA) rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(DATA, { recursive: true });
  if (GIVEN_DATA) await listPapersIfNone();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const snapshotFlags = HEAP_SNAPSHOTS
    ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${path.resolve(HEAP_SNAPSHOTS)}`]
    : [];
  if (HEAP_SNAPSHOTS) mkdirSync(HEAP_SNAPSHOTS, { recursive: true });
  const server = spawnServer({ cli: CLI, nodeFlags: [...SERVER_FLAGS, ...snapshotFlags], port, env });
  const children: ChildProcess[] = [server];
  process.on('exit', () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  });
  await waitFor(`${base}/healthz`, 900);
  await waitForQuiet({ base, dataDir: DATA });
  const memory: Array<{ phase: string; rssMiB: number }> = [];
  const phaseDone = async (phase: string) => {
    if (HEAP_SNAPSHOTS) {
      server.kill('SIGUSR2');
      // The snapshot is written on the server's event loop: the next answer comes after it.
      await new Promise((r) => setTimeout(r, 200));
      await waitFor(`${base}/healthz`, 300);
    }
    const m = await readMemory(server.pid!, { url: `${base}/metrics`, token: METRICS_TOKEN });
    memory.push({ phase, rssMiB: m.rssMiB });
    process.stdout.write(`${formatMemory(phase, m)}\n`);
  };
  await phaseDone('start-up (loaded, indexed, quiet)');

  const listed = topListedArxivIds(DATA);
  const paperPaths = listed.map((id) => `/papers/${id}`);
  const searchPaths = QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`);
  const pages: Array<{ path: string; contentType: string; body: string }> = [];
  for (const p of ['/', ...paperPaths, ...searchPaths]) {
    const res = await fetch(base + p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    pages.push({ path: p, contentType: res.headers.get('content-type') ?? 'text/html', body: await res.text() });
  }
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench', 'http-bare-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(bare);
  bare.stdin!.end(JSON.stringify({ port: barePort, pages }));
  await new Promise<void>((resolve) => bare.stdout!.once('data', () => resolve()));
  const bareBase = `http://127.0.0.1:${barePort}`;
  const kb = (p: string) => (Buffer.byteLength(pages.find((x) => x.path === p)!.body) / 1024).toFixed(0);
  process.stdout.write(
    `bench:http: ${listed.length} listed papers rotated on the paper page, ${QUERIES.length} rotating queries; ` +
      `${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} interleaved rounds; \`/\` is ${kb('/')} KB; load average ${loadAverage()}\n`,
  );

  const targets: Array<{ what: string; paths: string[] }> = [
    { what: '/', paths: ['/'] },
    { what: 'paper page', paths: paperPaths },
    { what: '/search rotating', paths: searchPaths },
  ];
  const results = new Map<string, { ours: WrkResult[]; bare: WrkResult[] }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      const r = results.get(t.what) ?? { ours: [], bare: [] };
      results.set(t.what, r);
      r.ours.push(await runWrk({ base, paths: t.paths, connections: CONNECTIONS, seconds: SECONDS }));
      await phaseDone(`${t.what}${ROUNDS > 1 ? ` (round ${round + 1})` : ''}`);
      r.bare.push(await runWrk({ base: bareBase, paths: t.paths, connections: CONNECTIONS, seconds: SECONDS }));
    }
  }
  const fmt = (rs: WrkResult[]) => {
    const rps = median(rs.map((r) => r.rps));
    return {
      rps,
      text: `${rps.toFixed(0).padStart(7)} req/s  p50 ${median(rs.map((r) => r.p50)).toFixed(1)} ms  p95 ${median(rs.map((r) => r.p95)).toFixed(1)} ms  errors ${rs.reduce((n, r) => n + r.errors, 0)}`,
    };
  };
  const oursRoot = median(results.get('/')!.ours.map((r) => r.rps));
  process.stdout.write(
    'what               ours                                              bare Fastify, same bytes                          ours/bare\n',
  );
  for (const [what, r] of results) {
    const o = fmt(r.ours);
    const b = fmt(r.bare);
    process.stdout.write(
      `${what.padEnd(18)} ${o.text.padEnd(50)} ${b.text.padEnd(50)} ${(o.rps / b.rps).toFixed(3)}\n`,
    );
  }
  const paper = median(results.get('paper page')!.ours.map((r) => r.rps));
  process.stdout.write(`paper page / \`/\` (ours): ${(paper / oursRoot).toFixed(3)}\n`);

  // `/` for a request that carries a cookie: rendered per request (math and titles from the render memo).
  const rendered = await runWrk({ base, paths: ['/'], connections: CONNECTIONS, seconds: SECONDS, cookie: 'bench=1' });
  process.stdout.write(`\`/\` with a Cookie header (rendered per request): ${fmt([rendered]).text}\n`);
  await phaseDone('`/` rendered per request');

  // A signed-in reader (a real session: account menu, CSRF token, own votes and saves) on `/` and the search
  // rotation: each page's shared part comes from a template, the reader's parts are rendered per request.
  await runCli(
    ['user', 'create', `httpbench${process.pid}r`, '--email', `hb${process.pid}r@example.org`, '--password-stdin'],
    PASSWORD,
  ).catch(() => {});
  const readerClient = new BenchClient(base);
  await readerClient.signIn(`httpbench${process.pid}r`, PASSWORD);
  const session = readerClient.cookieHeader();
  const signedIn = {
    root: await runWrk({ base, paths: ['/'], connections: CONNECTIONS, seconds: SECONDS, cookie: session }),
    search: await runWrk({ base, paths: searchPaths, connections: CONNECTIONS, seconds: SECONDS, cookie: session }),
  };
  process.stdout.write(`\`/\` signed in: ${fmt([signedIn.root]).text}\n`);
  process.stdout.write(`/search rotating, signed in: ${fmt([signedIn.search]).text}\n`);
  await phaseDone('signed-in `/` and search');

  // Writes: alone, then while CONNECTIONS connections read `/`.
  for (let u = 1; u <= WRITERS; u++) {
    await runCli(
      [
        'user',
        'create',
        `httpbench${process.pid}u${u}`,
        '--email',
        `hb${process.pid}u${u}@example.org`,
        '--password-stdin',
      ],
      PASSWORD,
    ).catch(() => {});
  }
  const writers = await Promise.all(
    Array.from({ length: WRITERS }, async (_, i) => {
      const c = new BenchClient(base);
      await c.signIn(`httpbench${process.pid}u${i + 1}`, PASSWORD);
      return c;
    }),
  );
  const writeFor = async (seconds: number) => {
    const votes: number[] = [];
    const comments: number[] = [];
    let errors = 0;
    const end = Date.now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      writers.map(async (c) => {
        while (Date.now() < end) {
          const id = listed[n++ % listed.length];
          let t0 = performance.now();
          const v = await c.request(`/papers/${id}/upvote`, {
            method: 'POST',
            form: { state: n % 2 ? 'on' : 'off', _csrf: c.csrf },
          });
          votes.push(performance.now() - t0);
          t0 = performance.now();
          const m = await c.request(`/papers/${id}/comments`, {
            method: 'POST',
            form: { body: `Bench comment ${n}: $x^2$.`, _csrf: c.csrf },
          });
          comments.push(performance.now() - t0);
          if (v.status >= 400 || m.status >= 400) errors++;
          await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
    const line = (xs: number[]) => {
      const s = xs.sort((a, b) => a - b);
      return `${s.length} (p50 ${pct(s, 0.5).toFixed(1)} ms, p95 ${pct(s, 0.95).toFixed(1)} ms)`;
    };
    return {
      text: `votes ${line(votes)}, comments ${line(comments)}, errors ${errors}`,
      votesP95: pct(votes, 0.95),
      commentsP95: pct(comments, 0.95),
    };
  };
  process.stdout.write(`writes alone (${WRITERS} writers, 100 ms pause): ${(await writeFor(SECONDS)).text}\n`);
  await phaseDone('writes alone');
  const [underLoad, reads] = await Promise.all([
    writeFor(SECONDS),
    runWrk({ base, paths: ['/'], connections: CONNECTIONS, seconds: SECONDS + 1 }),
  ]);
  process.stdout.write(
    `writes while ${CONNECTIONS} connections read \`/\`: ${underLoad.text}; the reads: ${fmt([reads]).text}\n`,
  );
  await phaseDone('writes under readers');
  const rss = { ours: rssMiB(server), bare: rssMiB(bare) };
  process.stdout.write(
    `RSS after the runs: ours ${rss.ours.toFixed(0)} MiB, bare Fastify ${rss.bare.toFixed(0)} MiB\n`,
  );
  // The figures the targets are about, in one place (issue 13: `/` ≥ 0.25 of bare, p95 ≤ 50 ms; paper page ≥ 0.5×
  // `/`; writes under readers p95 ≤ 100 ms; RSS at 1M ≤ 250 MiB).
  const ratio = (what: string) => {
    const r = results.get(what)!;
    return (median(r.ours.map((x) => x.rps)) / median(r.bare.map((x) => x.rps))).toFixed(3);
  };
  process.stdout.write(
    `summary (load average ${loadAverage()}): ours/bare \`/\` ${ratio('/')} ` +
      `(p95 ${median(results.get('/')!.ours.map((r) => r.p95)).toFixed(1)} ms), paper page ${ratio('paper page')}, ` +
      `search ${ratio('/search rotating')}; paper page / \`/\` ${(paper / oursRoot).toFixed(3)}; ` +
      `write p95 under readers votes ${underLoad.votesP95.toFixed(1)} ms, comments ${underLoad.commentsP95.toFixed(1)} ms; ` +
      `RSS ours/bare ${(rss.ours / rss.bare).toFixed(2)} (${rss.ours.toFixed(0)} / ${rss.bare.toFixed(0)} MiB)\n`,
  );
  // Signed-in readers (issue 13: `/` p95 ≤ 50 ms at 50 connections and ≥ 0.25 of bare for them too).
  const bareOf = (what: string) => median(results.get(what)!.bare.map((x) => x.rps));
  process.stdout.write(
    `summary, signed in: \`/\` ${(signedIn.root.rps / bareOf('/')).toFixed(3)} of bare (p95 ${signedIn.root.p95.toFixed(1)} ms), ` +
      `search ${(signedIn.search.rps / bareOf('/search rotating')).toFixed(3)} of bare (p95 ${signedIn.search.p95.toFixed(1)} ms); ` +
      `anonymous search p95 ${median(results.get('/search rotating')!.ours.map((r) => r.p95)).toFixed(1)} ms\n`,
  );
  // Idle workers exit and caches stop growing once the load stops: the same reading 15 s later.
  await new Promise((r) => setTimeout(r, 15_000));
  await phaseDone('15 s idle');
  process.stdout.write(`RSS per phase (MiB): ${memory.map((m) => `${m.phase} ${m.rssMiB.toFixed(0)}`).join(' → ')}\n`);

  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))));
  if (!GIVEN_DATA && !args.includes('--keep')) rmSync(ROOT, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
