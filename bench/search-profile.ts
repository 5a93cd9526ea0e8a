// Times the overlap bench's 200 title-phrase queries through `index.search` on one kept index file and lists the
// slowest with their terms' document frequencies — to profile (run it under `node --cpu-prof`) without the
// anchors of bench/search-overlap.ts.
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
const times: { q: string; ms: number; total: number; semantics: string; prof?: any }[] = [];
for (const q of queries) {
  const g = globalThis as any;
  g.__prof = { pieces: 0, pieceMs: 0, topk: 0, rows: 0, fast: false, all: 0 };
  const t = performance.now();
  const res = run(q);
  times.push({ q, ms: performance.now() - t, total: res.total, semantics: res.semantics, prof: g.__prof });
}
const sorted = [...times].sort((a, b) => a.ms - b.ms);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.ms.toFixed(1);
console.log(`${times.length} queries: p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`);
for (const t of sorted.slice(-Number(args.slowest)).reverse()) {
  const words = parseSearchQuery(t.q).include.flatMap((c) => c.words);
  const df = index.documentFrequencies(words).df;
  console.log(
    `  ${t.ms.toFixed(1).padStart(6)} ms  ${t.semantics.padEnd(3)} total ${String(t.total).padStart(4)}  ${words.map((w, i) => `${w}:${df[i]}`).join(' ')}  ${JSON.stringify(t.prof, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`,
  );
}
index.close();
