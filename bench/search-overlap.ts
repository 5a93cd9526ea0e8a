// Exactness and speed of keyword search at several corpus sizes, in one run: for each query, interleaved on the
// same index file, (1) ours (`index.search`, top 10), (2) raw FTS5 AND of all content terms scored exhaustively
// (bm25 with our weights, ORDER BY score, rowid DESC), (3) raw FTS5 OR likewise (on the first `anchorQueries`),
// (4) FTS5 AND ranking only the newest 1,000 matches (the design before issue 13). The reference is the
// exhaustive ranking of our semantics: AND when it finds ≥ 10 papers, else OR. overlap@10 = |top10 ∩ reference|
// / |reference|.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { parseSearchQuery, type SearchIndex } from '../src/search/index.js';
import { matchString, planQuery } from '../src/search/query-plan.js';
import { createTermStats } from '../src/search/term-stats.js';
import { fileSize, snapshotIndex } from './search-snapshot.js';

type Percentiles = { p50: string; p95: string };

export async function runOverlap(args: {
  sizes: number[];
  snapshot: string;
  dir: string;
  name: string;
  queries: string[];
  warmup: string[];
  anchorQueries: number;
  percentiles: (times: number[]) => Percentiles;
}) {
  for (const docs of args.sizes) {
    const opened = await snapshotIndex({ snapshot: args.snapshot, docs, dir: args.dir, name: args.name });
    const t = performance.now();
    // Builds the impact lists when the file has none yet (a kept file reuses its lists), on the worker thread as
    // the server does; the longest hold of this thread meanwhile is what a request would have waited.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    opened.index.refreshStats();
    const swapped = await opened.index.impactBuild();
    loop.disable();
    const listMs = performance.now() - t;
    const lists =
      swapped === null || swapped === undefined
        ? ''
        : `, impact lists ${swapped ? 'built' : 'NOT built'} in ${(listMs / 1000).toFixed(0)} s (longest event-loop hold ${(loop.max / 1e6).toFixed(0)} ms)`;
    console.log(
      `\n${docs.toLocaleString('en')} snapshot papers (${opened.index.count().toLocaleString('en')} indexed, ${(fileSize(opened.file) / 1e6).toFixed(0)} MB)` +
        `${opened.built ? `, built in ${(opened.buildMs / 1000).toFixed(0)} s` : ', reused'}${lists}`,
    );
    measure({ ...args, index: opened.index, file: opened.file });
    opened.index.close();
  }
}

function measure(args: {
  index: SearchIndex;
  file: string;
  queries: string[];
  warmup: string[];
  anchorQueries: number;
  percentiles: (times: number[]) => Percentiles;
}) {
  const raw = new Database(args.file, { readonly: true });
  raw.pragma('cache_size = -65536');
  const stats = createTermStats(raw);
  const exhaustive = raw.prepare(
    'SELECT rowid, bm25(fts, 3, 1, 1, 1) AS s FROM fts WHERE fts MATCH ? ORDER BY s, rowid DESC LIMIT 10',
  );
  const newest = raw.prepare(
    `SELECT rowid FROM (SELECT rowid, bm25(fts, 3, 1, 1, 1) AS s FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 1000)
     ORDER BY s, rowid DESC LIMIT 10`,
  );
  const timed = <T>(times: number[], f: () => T): T => {
    const t = performance.now();
    const r = f();
    times.push(performance.now() - t);
    return r;
  };
  const ids = (rows: unknown[]) => (rows as { rowid: number }[]).map((r) => r.rowid);
  const ours = (q: string) =>
    args.index.search(parseSearchQuery(q), { limit: 10, offset: 0, sort: 'relevance' }).hits.map((h) => h.paperId);
  for (const q of args.warmup) ours(q);

  const times = { ours: [] as number[], and: [] as number[], or: [] as number[], newest: [] as number[] };
  const overlap = { ours: [] as number[], and: [] as number[], or: [] as number[], newest: [] as number[] };
  args.queries.forEach((q, i) => {
    const plan = planQuery({ query: parseSearchQuery(q), stats });
    const and = matchString({ plan, mode: 'and' });
    const or = matchString({ plan, mode: 'or' });
    if (!and || !or) return;
    const got = timed(times.ours, () => ours(q));
    const andTop = timed(times.and, () => ids(exhaustive.all(and)));
    const anchorOr = i < args.anchorQueries;
    const orTop =
      anchorOr || andTop.length < 10 || !plan.tryAnd
        ? timed(anchorOr ? times.or : [], () => ids(exhaustive.all(or)))
        : [];
    const recent = timed(times.newest, () => (newest.all(and) as { rowid: number }[]).map((r) => r.rowid));
    const reference = plan.tryAnd && andTop.length >= 10 ? andTop : orTop;
    if (reference.length === 0) return;
    const share = (top: number[]) => top.filter((id) => reference.includes(id)).length / reference.length;
    overlap.ours.push(share(got));
    overlap.and.push(share(andTop));
    overlap.newest.push(share(recent));
    if (anchorOr) overlap.or.push(share(orTop));
  });
  raw.close();
  const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1)).toFixed(3);
  const line = (label: string, key: keyof typeof times) => {
    const p = args.percentiles(times[key]);
    console.log(
      `  ${label.padEnd(34)} overlap@10 ${mean(overlap[key])}  p50 ${p.p50} ms  p95 ${p.p95} ms  (${times[key].length} queries)`,
    );
  };
  line('ours (exact top-k)', 'ours');
  line('raw FTS5 AND, exhaustive', 'and');
  line('raw FTS5 OR, exhaustive', 'or');
  line('FTS5 AND, newest 1,000 ranked', 'newest');
}
