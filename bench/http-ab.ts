// npm run bench:http-ab — two variants of our server side by side (two builds, or one build with two sets of Node/V8
// flags), each on its own copy of the data, measured interleaved (A, B, A, B …) with the same wrk runs as bench:http,
// so that the machine's load falls on both alike: what a memory setting costs in requests per second, and what it
// saves in RSS, from one run. Prints numbers, asserts nothing.
//
//   npm run bench:http-ab -- --flags-b '--max-semi-space-size=8' [--flags-a …] [--cli-a PATH] [--cli-b PATH]
//                            [--data-a DIR --data-b DIR] [--seconds 8] [--rounds 3] [--connections 50] [--only WHAT]
//
// Without --data-a/--data-b each variant starts on a fresh data directory with the demo. With them, pass two copies of
// the same store (the servers' jobs write into them). --only: one of the measured paths (`/`, `paper page`, `/search`,
// `/ rendered`) instead of all four.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../test/support/free-port.js';
import { formatMemory, readMemory } from './http-memory.js';
import { serverEnv, serverNodeFlags, spawnServer, waitForQuiet } from './http-server.js';
import { loadAverage, median, runWrk, type WrkResult } from './http-wrk.js';
import { topListedArxivIds } from './listed-papers.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(option('seconds') ?? 8);
const ROUNDS = Number(option('rounds') ?? 3);
const CONNECTIONS = Number(option('connections') ?? 50);
const ROOT = path.resolve('.bench', 'http-ab');
const TOKEN = 'http-ab-metrics-token-0123456789';
const QUERIES = ['transformer', 'language model', 'diffusion', 'graph neural network', 'attention', 'robot'];

interface Variant {
  name: string;
  data: string;
  base: string;
  server: ChildProcess;
}

async function start(name: string): Promise<Variant> {
  const given = option(`data-${name}`);
  const data = given ? path.resolve(given) : path.join(ROOT, name);
  mkdirSync(data, { recursive: true });
  const port = await freePort();
  const cli = path.resolve(option(`cli-${name}`) ?? path.join('bin', 'dailypapers.js'));
  const flags = serverNodeFlags(cli, option(`flags-${name}`));
  const server = spawnServer({ cli, nodeFlags: flags, port, env: serverEnv({ dataDir: data, metricsToken: TOKEN }) });
  process.stdout.write(`variant ${name}: ${cli} ${flags.join(' ')} on ${data}\n`);
  return { name, data, base: `http://127.0.0.1:${port}`, server };
}

async function quiet(v: Variant) {
  if (!(await waitForQuiet({ base: v.base, dataDir: v.data }))) throw new Error(`variant ${v.name} did not settle`);
}

async function main() {
  if (!option('data-a')) rmSync(ROOT, { recursive: true, force: true });
  const variants = await Promise.all([start('a'), start('b')]);
  process.on('exit', () => {
    for (const v of variants) if (v.server.exitCode === null) v.server.kill('SIGTERM');
  });
  await Promise.all(variants.map(quiet));
  const listed = topListedArxivIds(variants[0]!.data);
  const targets = [
    { what: '/', paths: ['/'], cookie: undefined },
    { what: 'paper page', paths: listed.map((id) => `/papers/${id}`), cookie: undefined },
    { what: '/search', paths: QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`), cookie: undefined },
    { what: '/ rendered', paths: ['/'], cookie: 'bench=1' },
  ];
  const only = option('only');
  if (only) targets.splice(0, targets.length, ...targets.filter((t) => t.what === only));
  const memory = async (v: Variant, phase: string) => {
    const m = await readMemory(v.server.pid!, { url: `${v.base}/metrics`, token: TOKEN });
    process.stdout.write(`  ${v.name}: ${formatMemory(phase, m)}\n`);
    return m.rssMiB;
  };
  for (const v of variants) await memory(v, 'start-up');
  process.stdout.write(`load average ${loadAverage()}; ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections\n`);
  const results = new Map<string, Record<string, WrkResult[]>>();
  const rss: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      // Alternate which variant goes first, so neither always follows the other's garbage.
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const r = await runWrk({
          base: v.base,
          paths: t.paths,
          connections: CONNECTIONS,
          seconds: SECONDS,
          cookie: t.cookie,
        });
        const per = results.get(t.what) ?? {};
        per[v.name] = [...(per[v.name] ?? []), r];
        results.set(t.what, per);
        process.stdout.write(
          `${v.name} ${t.what} round ${round + 1}: ${r.rps.toFixed(0)} req/s, p95 ${r.p95.toFixed(1)} ms\n`,
        );
        rss[v.name] = await memory(v, `${t.what} (round ${round + 1})`);
      }
    }
  }
  process.stdout.write(
    `what          A req/s (p95 ms)        B req/s (p95 ms)        B/A      (load average ${loadAverage()})\n`,
  );
  for (const [what, per] of results) {
    const a = per.a!;
    const b = per.b!;
    const ra = median(a.map((r) => r.rps));
    const rb = median(b.map((r) => r.rps));
    const cell = (rs: WrkResult[], rps: number) =>
      `${rps.toFixed(0).padStart(7)} (${median(rs.map((r) => r.p95)).toFixed(1)})`.padEnd(24);
    process.stdout.write(`${what.padEnd(13)} ${cell(a, ra)}${cell(b, rb)}${(rb / ra).toFixed(3)}\n`);
  }
  process.stdout.write(`RSS after the runs: A ${rss.a?.toFixed(0)} MiB, B ${rss.b?.toFixed(0)} MiB\n`);
  for (const v of variants) v.server.kill('SIGTERM');
  await Promise.all(
    variants.map((v) => new Promise((r) => (v.server.exitCode === null ? v.server.once('exit', r) : r(null)))),
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
