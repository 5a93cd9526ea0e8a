// Times the overlap bench's 200 title-phrase queries through `index.search` on one kept index file and lists the
// slowest with their terms' document frequencies — to profile (run it under `node --cpu-prof`) without the
// anchors of bench/search-overlap.ts. CPU time is printed beside wall time: other processes on a shared machine
// disturb it less.
//
//   npx tsx bench/search-profile.ts --file /work/bench-cache/exact-topk/search-exact-topk-1000000.db [--slowest 20]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadArxivSamples, titlePhraseQueries } from '../src/search/eval/synthetic.js';
import { openSearchIndex, parseSearchQuery } from '../src/search/index.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    queries: { type: 'string', default: '200' },
    slowest: { type: 'string', default: '20' },
  },
});
if (!args.file) throw new Error('--file is required');
const samples = loadArxivSamples({ dataDir: fileURLToPath(new URL('../../shared/data', import.meta.url)) });
const queries = titlePhraseQueries({ samples, count: Number(args.queries), seed: 7 });
const warmup = titlePhraseQueries({ samples, count: 20, seed: 99 });
const index = openSearchIndex({ path: args.file });
const run = (q: string) => index.search(parseSearchQuery(q), { limit: 10, offset: 0, sort: 'relevance' });
for (const q of warmup) run(q);
const times: { q: string; ms: number; cpu: number; total: number; semantics: string }[] = [];
for (const q of queries) {
  const t = performance.now();
  const c = process.cpuUsage();
  const res = run(q);
  const used = process.cpuUsage(c);
  times.push({
    q,
    ms: performance.now() - t,
    cpu: (used.user + used.system) / 1000,
    total: res.total,
    semantics: res.semantics,
  });
}
const pct = (key: 'ms' | 'cpu') => {
  const s = times.map((t) => t[key]).sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`;
};
console.log(`${times.length} queries: wall ${pct('ms')};  cpu ${pct('cpu')}`);
for (const t of [...times].sort((a, b) => b.cpu - a.cpu).slice(0, Number(args.slowest))) {
  const words = parseSearchQuery(t.q).include.flatMap((c) => c.words);
  const df = index.documentFrequencies(words).df;
  console.log(
    `  ${t.ms.toFixed(1).padStart(6)} ms (cpu ${t.cpu.toFixed(1).padStart(6)})  ${t.semantics.padEnd(3)} total ${String(t.total).padStart(4)}  ${words.map((w, i) => `${w}:${df[i]}`).join(' ')}`,
  );
}
index.close();
