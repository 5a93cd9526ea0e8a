// npm run bench:index-bg -- --store DIR --dir OUT — issue 13 items 2 and 4 on a real store (e.g. 1M papers imported
// with `dailypapers import` from bench/generate-snapshot.ts output):
//   1. builds the search index the way `serve`'s follower did before (store change feed, batches of 1,000, no
//      background merge): the anchor, "the index serve built"; prints papers/s and the event-loop delay;
//   2. copies it and merges the copy in steps (segment-merge.ts): steps, wall time, longest event-loop hold;
//   3. keyword p50/p95/p99 of 200 title phrases, unmerged vs merged, interleaved query by query;
//   4. similar papers of 200 papers as a paper page asks (top 6): computed on every request (the anchor, as before)
//      vs the precomputed list (first ask computes and keeps it, later asks read it), interleaved paper by paper.
// Asserts nothing. `--reuse` times index files kept by an earlier run instead of building them again.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { storeChangeFeed } from '../src/papers/search.usecases.js';
import { loadArxivSamples, titlePhraseQueries } from '../src/search/eval/synthetic.js';
import { openSearchIndex, parseSearchQuery, type SearchIndex, syncSearchIndex } from '../src/search/index.js';
import { MERGE_TUNING } from '../src/search/segment-merge.js';
import { openStore } from '../src/store/store.js';

const { values: args } = parseArgs({
  options: {
    store: { type: 'string' },
    dir: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    queries: { type: 'string', default: '200' },
  },
});
if (!args.store || !args.dir) throw new Error('--store DIR (a data directory with papers) and --dir OUT are required');
const OUT = path.resolve(args.dir);
mkdirSync(OUT, { recursive: true });
const UNMERGED = path.join(OUT, 'unmerged.db');
const MERGED = path.join(OUT, 'merged.db');
const N = Number(args.queries);
const DATA = fileURLToPath(new URL('../../shared/data', import.meta.url));

const pct = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`;
};
const delays = () => {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return () => {
    h.disable();
    return `event-loop delay p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms, max ${(h.max / 1e6).toFixed(0)} ms`;
  };
};
const removeIndex = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

const store = await openStore({ dataDir: path.resolve(args.store) });
if (!args.reuse || !existsSync(MERGED)) {
  removeIndex(UNMERGED);
  removeIndex(MERGED);
  // The anchor: what the follower built before this change (fixed batches of 1,000, merging left to automerge).
  MERGE_TUNING.afterWrites = Number.POSITIVE_INFINITY;
  const index = openSearchIndex({ path: UNMERGED });
  const stop = delays();
  const started = performance.now();
  const result = await syncSearchIndex({ index, fetchChanges: storeChangeFeed(store), batchSize: 1000 });
  const s = (performance.now() - started) / 1000;
  console.log(
    `built ${result.applied.toLocaleString('en')} papers in ${s.toFixed(0)} s (${(result.applied / s).toFixed(0)} papers/s); ${stop()}`,
  );
  index.close();
  copyFileSync(UNMERGED, MERGED);
  const merged = openSearchIndex({ path: MERGED });
  const stopMerge = delays();
  const merge = await merged.mergeSegments();
  console.log(
    `merged in steps: ${merge.steps} steps, ${(merge.ms / 1000).toFixed(1)} s (complete: ${merge.complete}); ${stopMerge()}`,
  );
  merged.close();
}

const unmerged = openSearchIndex({ path: UNMERGED });
const merged = openSearchIndex({ path: MERGED });
const samples = loadArxivSamples({ dataDir: DATA });
const timeOne = (index: SearchIndex, q: string) => {
  const t = performance.now();
  index.search(parseSearchQuery(q), { limit: 10, offset: 0, sort: 'relevance' });
  return performance.now() - t;
};
for (const q of titlePhraseQueries({ samples, count: 20, seed: 99 })) {
  timeOne(unmerged, q);
  timeOne(merged, q);
}
const times = { unmerged: [] as number[], merged: [] as number[] };
titlePhraseQueries({ samples, count: N, seed: 7 }).forEach((q, i) => {
  // Alternate which handle goes first, so neither always finds the other's pages in the OS cache.
  if (i % 2 === 0) {
    times.unmerged.push(timeOne(unmerged, q));
    times.merged.push(timeOne(merged, q));
  } else {
    times.merged.push(timeOne(merged, q));
    times.unmerged.push(timeOne(unmerged, q));
  }
});
console.log(`\nkeyword, ${N} title phrases, top 10 (interleaved)`);
console.log(`  index as the follower built it (anchor): ${pct(times.unmerged)}`);
console.log(`  same index after the stepwise merge:     ${pct(times.merged)}`);
unmerged.close();

// Similar papers as a paper page asks for them: the paper's title and abstract, itself excluded, top 6.
const count = merged.count();
const ids: number[] = [];
for (let i = 1; ids.length < N; i++) ids.push(1 + ((i * 7_919 * 104_729) % count));
const papers = await store.papers.findByIds(ids);
const ask = (p: (typeof papers)[number], rerank?: 'off') =>
  merged.similar({
    text: `${p.title}\n${p.abstract}`,
    paperId: p.id,
    excludePaperId: p.id,
    limit: 6,
    // An explicit second-stage mode is not a paper page's question, so it is ranked afresh: the code before.
    ...(rerank ? { rerank } : {}),
  });
const timed = <T>(f: () => T): [number, T] => {
  const t = performance.now();
  const value = f();
  return [performance.now() - t, value];
};
const sim = { anchor: [] as number[], first: [] as number[], kept: [] as number[] };
let equal = 0;
for (const p of papers) {
  const [a, fresh] = timed(() => ask(p, 'off'));
  const [f] = timed(() => ask(p));
  const [k, kept] = timed(() => ask(p));
  sim.anchor.push(a);
  sim.first.push(f);
  sim.kept.push(k);
  if (JSON.stringify(fresh) === JSON.stringify(kept)) equal++;
}
console.log(`\nsimilar papers of a paper page (top 6), ${papers.length} papers (interleaved)`);
console.log(`  ranked on every request (anchor):       ${pct(sim.anchor)}`);
console.log(`  first ask (ranked, then kept):          ${pct(sim.first)}`);
console.log(`  later asks (the kept list):             ${pct(sim.kept)}`);
console.log(`  kept list equal to the fresh ranking:   ${equal} of ${papers.length}`);
merged.close();
await store.close();
