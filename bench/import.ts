// npm run bench:import — imports a 1,000,000-line snapshot shaped like the real one into a fresh SQLite store
// through the real use case (importSnapshotIntoStore: batches, checkpoints, author pages filed afterwards), beside
// the anchor — a bare better-sqlite3 insert of the same file's rows into the same table (import-anchor.ts) — and
// then measures the daily page's server time with 1M papers in the store. Prints figures; asserts nothing
// (timings belong here, not in tests).
//
//   npm run bench:import -- [--snapshot FILE | --lines N] [--keep] [--no-page]
//
// --snapshot reads an existing snapshot (e.g. one `bench/generate-snapshot.ts` wrote before); otherwise one of
// --lines lines (default 1,000,000) is generated into .bench/ first.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { addDays, todayUtc } from '../src/core/dates.js';
import { importSnapshotIntoStore } from '../src/ingest/import.usecases.js';
import { buildServices } from '../src/services.js';
import { openStore } from '../src/store/store.js';
import { buildServer } from '../src/web/server.js';
import { generateSnapshot } from './generate-snapshot.js';
import type { bareInsert } from './import-anchor.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const lines = Number(option('--lines') ?? 0) || 1_000_000;
const dir = path.resolve('.bench');
const snapshot = option('--snapshot') ? path.resolve(option('--snapshot')!) : path.join(dir, `snapshot-${lines}.jsonl`);
const dbFile = path.join(dir, 'import-bench.db');
const anchorFile = path.join(dir, 'import-anchor.db');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const removeDb = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

mkdirSync(dir, { recursive: true });
if (!existsSync(snapshot)) {
  const t = performance.now();
  await generateSnapshot({ lines, path: snapshot, seed: 1 });
  console.log(
    `generated ${lines.toLocaleString('en')} lines in ${((performance.now() - t) / 1000).toFixed(1)} s → ${snapshot}`,
  );
}

// The anchors first (import-anchor.ts), each in a process of its own — so that its heap is not counted in our
// import's RSS — and into its own file, removed before our import starts (the page cache is the machine's).
type AnchorResult = Awaited<ReturnType<typeof bareInsert>>;
const anchor = (kind: 'papers' | 'all') =>
  new Promise<AnchorResult>((resolve, reject) => {
    removeDb(anchorFile);
    const child = fork(fileURLToPath(new URL('./import-anchor.ts', import.meta.url)), [snapshot, anchorFile, kind], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: AnchorResult | undefined;
    child.on('message', (m) => {
      result = m as AnchorResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      removeDb(anchorFile);
      if (result) resolve(result);
      else reject(new Error(`anchor ${kind} exited (${code}) without a result`));
    });
  });
const printAnchor = (what: string, a: AnchorResult) => {
  // On a loaded machine wall-clock rates move with the neighbours; rates per CPU-second move less.
  console.log(
    `anchor ${what}: ${a.papers.toLocaleString('en')} papers${a.authorRows ? ` + ${a.authorRows.toLocaleString('en')} paper_authors rows` : ''} in ` +
      `${(a.durationMs / 1000).toFixed(1)} s = ${Math.round(a.papers / (a.durationMs / 1000)).toLocaleString('en')} papers/s ` +
      `(CPU ${(a.cpuMs / 1000).toFixed(1)} s = ${Math.round(a.papers / (a.cpuMs / 1000)).toLocaleString('en')} papers per CPU-second)`,
  );
};
// --no-anchors (quick iterations only: the ratios then read as 0): our import alone.
const skipped: AnchorResult = { papers: 0, authorRows: 0, durationMs: 1, cpuMs: 1 };
const bare = args.includes('--no-anchors') ? skipped : await anchor('papers');
printAnchor('papers, bare better-sqlite3 insert of the same papers rows', bare);
const bareAll = args.includes('--no-anchors') ? skipped : await anchor('all');
printAnchor('all rows, bare better-sqlite3 insert of the same papers and paper_authors rows', bareAll);
const bareRate = bare.papers / (bare.durationMs / 1000);
const bareAllRate = bareAll.papers / (bareAll.durationMs / 1000);
const bareAllCpuRate = bareAll.papers / (bareAll.cpuMs / 1000);

removeDb(dbFile);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
// RSS at each tenth of the file: flat memory means these stay level while the store grows.
const rssByTenth: string[] = [];
const store = await openStore({ sqliteFile: dbFile });
const rssBefore = process.memoryUsage().rss;
const cpuStarted = process.cpuUsage();
const summary = await importSnapshotIntoStore({
  store,
  path: snapshot,
  restart: true,
  parseWorkers: option('--workers') ? Number(option('--workers')) : undefined,
  onProgress: (p) => {
    while (rssByTenth.length < Math.floor((10 * p.bytesRead) / p.totalBytes))
      rssByTenth.push(
        `${mib(process.memoryUsage().rss)}${args.includes('--heap') ? ` (main heap ${mib(process.memoryUsage().heapTotal)})` : ''}`,
      );
  },
});
clearInterval(sampler);
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const seconds = summary.durationMs / 1000;
const rate = summary.papers / seconds;
const cpuRate = summary.papers / cpuSeconds;
// The papers are stored (and searchable) when the import phase ends; author pages catch up in the filing phase.
const importSeconds = (summary.durationMs - summary.authorFilingMs) / 1000;
const importRate = summary.papers / importSeconds;
console.log(
  `import phase (papers stored): ${importSeconds.toFixed(1)} s = ${Math.round(importRate).toLocaleString('en')} papers/s = ` +
    `${(importRate / bareRate).toFixed(2)}× the papers anchor; then filing ${summary.authorsFiled.toLocaleString('en')} papers ` +
    `under their authors: ${(summary.authorFilingMs / 1000).toFixed(1)} s`,
);
console.log(
  `import end to end (importSnapshotIntoStore, author pages included): ${summary.papers.toLocaleString('en')} papers in ` +
    `${seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} papers/s = ${(rate / bareAllRate).toFixed(2)}× the all-rows anchor ` +
    `(${(rate / bareRate).toFixed(2)}× the papers anchor; CPU ${cpuSeconds.toFixed(1)} s, both threads = ${Math.round(cpuRate).toLocaleString('en')} per CPU-second = ${(cpuRate / bareAllCpuRate).toFixed(2)}× the all-rows anchor's); ` +
    `peak RSS ${mib(peakRss)}; ` +
    `RSS by tenth of the file: ${rssByTenth.join(', ')}`,
);
const authorRowsFiled = Number(
  (store.connection as { sqlite: import('better-sqlite3').Database }).sqlite
    .prepare('SELECT count(*) FROM paper_authors')
    .pluck()
    .get(),
);
console.log(
  `rows written: ${summary.papers.toLocaleString('en')} papers + ${authorRowsFiled.toLocaleString('en')} paper_authors rows; ` +
    `RSS before the import ${mib(rssBefore)}`,
);
const again = await importSnapshotIntoStore({ store, path: snapshot });
console.log(
  `re-import (idempotent): ${again.unchanged.toLocaleString('en')} unchanged, ${again.inserted} new, ${again.updated} updated in ${(again.durationMs / 1000).toFixed(1)} s`,
);

if (!args.includes('--no-page')) {
  // List 40 papers a day over the last year, as a busy community would, then time the daily page.
  const today = todayUtc();
  const ids = (
    await store.connection.db
      .selectFrom('papers')
      .select('id')
      .orderBy('id')
      .limit(365 * 40)
      .execute()
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i++) {
    await store.listings.add({ paperId: ids[i]!, listedOn: addDays(today, -Math.floor(i / 40)), submittedBy: null });
  }
  const config = loadConfig({ env: { DAILYPAPERS_SECRET: 'b'.repeat(40) } });
  const services = await buildServices({ config, logger: pino({ level: 'silent' }), store });
  const app = await buildServer({ services, logger: false });
  const urls = [
    '/',
    `/papers?date=${addDays(today, -3)}`,
    `/papers?week=2025-W10`,
    `/papers?date=${addDays(today, -100)}&sort=trending`,
  ];
  for (const url of urls) await app.inject(url); // warm-up
  const timings: number[] = [];
  for (let i = 0; i < 400; i++) {
    const url = urls[i % urls.length]!;
    const t = performance.now();
    const res = await app.inject(url);
    timings.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
  }
  timings.sort((a, b) => a - b);
  const pct = (p: number) => timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))]!.toFixed(1);
  console.log(
    `daily page with ${summary.papers.toLocaleString('en')} papers, ${ids.length.toLocaleString('en')} listings: server time p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms (${timings.length} requests via app.inject)`,
  );
  await app.close();
}
await store.close();
if (!args.includes('--keep')) {
  removeDb(dbFile);
  // A snapshot given with --snapshot is the caller's; only a generated one is removed.
  if (!option('--snapshot')) rmSync(dir, { recursive: true, force: true });
}
