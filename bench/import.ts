// npm run bench:import — generates a 1,000,000-line snapshot shaped like the real one, imports it into a fresh
// SQLite store through the real import path, and then measures the daily page's server time with 1M papers
// in the store. Prints figures; asserts nothing (timings belong here, not in tests).
//
//   npm run bench:import -- [--lines N] [--keep]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { addDays, todayUtc } from '../src/core/dates.js';
import { importSnapshot } from '../src/ingest/snapshot/import.js';
import { buildServices } from '../src/services.js';
import { openStore } from '../src/store/store.js';
import { buildServer } from '../src/web/server.js';
import { generateSnapshot } from './generate-snapshot.js';

const args = process.argv.slice(2);
const lines = Number(args[args.indexOf('--lines') + 1] ?? 0) || 1_000_000;
const dir = path.resolve('.bench');
const snapshot = path.join(dir, `snapshot-${lines}.jsonl`);
const dbFile = path.join(dir, 'import-bench.db');

mkdirSync(dir, { recursive: true });
if (!existsSync(snapshot)) {
  const t = performance.now();
  await generateSnapshot({ lines, path: snapshot, seed: 1 });
  console.log(
    `generated ${lines.toLocaleString('en')} lines in ${((performance.now() - t) / 1000).toFixed(1)} s → ${snapshot}`,
  );
}
for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

const store = await openStore({ sqliteFile: dbFile });
const summary = await importSnapshot({ path: snapshot, upsertBatch: (papers) => store.papers.upsertMany(papers) });
clearInterval(sampler);
const seconds = summary.durationMs / 1000;
console.log(
  `import: ${summary.papers.toLocaleString('en')} papers in ${seconds.toFixed(1)} s = ` +
    `${Math.round(summary.papers / seconds).toLocaleString('en')} papers/s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
const again = await importSnapshot({ path: snapshot, upsertBatch: (papers) => store.papers.upsertMany(papers) });
console.log(
  `re-import (idempotent): ${again.unchanged.toLocaleString('en')} unchanged, ${again.inserted} new, ${again.updated} updated in ${(again.durationMs / 1000).toFixed(1)} s`,
);

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
await store.close();
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
