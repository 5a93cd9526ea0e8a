// Keyword-search benchmark: builds N synthetic arXiv-like papers (bigram chains over the real samples in
// shared/data, seeded), indexes them through the production sync path, and times 200 title-phrase queries
// and 200 long sentence queries through the production search function. Then, on 100,000 papers, runs the
// same title-phrase queries through MiniSearch (an in-process JavaScript engine) and prints the ratio.
// "Similar papers" is timed too: 200 papers' own title and abstract as the example, as a paper page asks.
//
//   npx tsx bench/search.ts                      # 1,000,000 papers (a few minutes; run it with `nice`)
//   npx tsx bench/search.ts --docs 100000        # quicker
//   options: --queries 200  --minisearch-docs 100000 (0 = skip)  --dims 384 (0 = skip hybrid)  --dir DIR  --keep
//            --reuse (with --dir: time an index and vectors kept by an earlier --keep run instead of rebuilding)
//   npm run bench:search -- --overlap --dir DIR [--snapshot FILE] [--sizes 100000,300000,1000000] [--name BRANCH]
//            exactness (overlap@10 with the exhaustive BM25 ranking) and latency of ours beside raw FTS5 AND / OR,
//            at each size, on indexes built from the first N papers of an arXiv snapshot and kept in DIR
//            (bench/search-overlap.ts); --anchor-queries 50 bounds the slow exhaustive OR anchor
//
// Hybrid: after the keyword timings, every paper gets a 384-dim vector (bench/search-vectors.ts) stored through
// the production path, the HNSW graph is built (search.vectorIndex=auto picks it above 20,000 vectors), and the
// same title-phrase queries run in hybrid and semantic mode, with and without filters.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import {
  type ArxivSamples,
  createSyntheticCorpus,
  loadArxivSamples,
  sentenceQueries,
  titlePhraseQueries,
} from '../src/search/eval/synthetic.js';
import {
  openSearchIndex,
  parseSearchQuery,
  type RerankMode,
  type SearchIndex,
  syncSearchIndex,
} from '../src/search/index.js';
import { runOverlap } from './search-overlap.js';
import { BENCH_MODEL, storeVectors, timeModes } from './search-vectors.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    'minisearch-docs': { type: 'string', default: '100000' },
    dims: { type: 'string', default: '384' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    overlap: { type: 'boolean', default: false },
    snapshot: { type: 'string', default: '/work/bench-cache/snapshot-1m.jsonl' },
    sizes: { type: 'string', default: '100000,300000,1000000' },
    name: { type: 'string', default: 'main' },
    'anchor-queries': { type: 'string', default: '50' },
  },
});
const DATA = fileURLToPath(new URL('../../shared/data', import.meta.url));
const SEED = 20240101;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function percentiles(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), p95n: Number(at(0.95)) };
}

async function buildIndex({ samples, docs, file }: { samples: ArxivSamples; docs: number; file: string }) {
  const generate = createSyntheticCorpus({ samples, seed: SEED })(docs);
  const index = openSearchIndex({ path: file });
  const started = performance.now();
  let last = 0;
  // The generator yields changeSeq 1..N in order, so it can stand in for the store's change feed.
  const fetchChanges = async (_after: number, limit: number) => {
    const batch = [];
    for (let i = 0; i < limit; i++) {
      const next = generate.next();
      if (next.done) break;
      batch.push(next.value);
    }
    return batch;
  };
  await syncSearchIndex({
    index,
    fetchChanges,
    batchSize: 5000,
    onProgress: ({ lastSeq }) => {
      if (lastSeq - last >= 100_000) {
        last = lastSeq;
        process.stdout.write(`  indexed ${lastSeq.toLocaleString('en')} papers\r`);
      }
    },
  });
  const buildMs = performance.now() - started;
  const t = performance.now();
  index.optimize();
  const optimizeMs = performance.now() - t;
  const size = ['', '-wal'].reduce((sum, s) => sum + (statSync(file + s, { throwIfNoEntry: false })?.size ?? 0), 0);
  return { index, buildMs, optimizeMs, size };
}

function report(label: string, r: { p50: string; p95: string; p99: string; meanHits: string }) {
  console.log(`${label.padEnd(26)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  (mean hits ${r.meanHits})`);
}

function timeQueries(index: SearchIndex, queries: string[], rerank: RerankMode = 'off') {
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    const r = index.search(parseSearchQuery(q), { limit: 10, offset: 0, sort: 'relevance', rerank });
    times.push(performance.now() - t);
    hits += r.hits.length;
  }
  return { ...percentiles(times), times, meanHits: (hits / queries.length).toFixed(1) };
}

/**
 * What the second stage adds: two handles on the same file, each with its own (warmed) page and result
 * caches, so neither profits from the other's reads; each query runs on both, without and with the stage,
 * and the per-query difference is the stage's cost.
 */
function timeRerank(file: string, queries: string[], warmup: string[], rerank: RerankMode) {
  const plain = openSearchIndex({ path: file });
  const staged = openSearchIndex({ path: file });
  timeQueries(plain, warmup, 'off');
  timeQueries(staged, warmup, rerank);
  const base: number[] = [];
  const withIt: number[] = [];
  for (const q of queries) {
    base.push(timeQueries(plain, [q], 'off').times[0]!);
    withIt.push(timeQueries(staged, [q], rerank).times[0]!);
  }
  plain.close();
  staged.close();
  return {
    base: { ...percentiles(base), meanHits: '10.0' },
    total: { ...percentiles(withIt), meanHits: '10.0' },
    added: percentiles(withIt.map((t, i) => t - base[i]!)),
  };
}

/** "Similar papers" as a paper page asks for them: the paper's title and abstract as the example, top 5. */
function timeSimilar(index: SearchIndex, paperIds: number[]) {
  const times: number[] = [];
  let hits = 0;
  for (const paperId of paperIds) {
    const text = index.paperText(paperId) ?? '';
    const t = performance.now();
    hits += index.similar({ text, paperId, limit: 5, excludePaperId: paperId }).length;
    times.push(performance.now() - t);
  }
  return { ...percentiles(times), meanHits: (hits / paperIds.length).toFixed(1) };
}

function miniSearchRun(args: { samples: ArxivSamples; docs: number; queries: string[]; warmup: string[] }) {
  const { samples, docs, queries, warmup } = args;
  const heapBefore = process.memoryUsage().heapUsed;
  const mini = new MiniSearch({ fields: ['title', 'abstract'], idField: 'paperId' });
  const started = performance.now();
  for (const d of createSyntheticCorpus({ samples, seed: SEED })(docs)) mini.add(d);
  const buildMs = performance.now() - started;
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const one = (q: string, combineWith: 'OR' | 'AND') => {
    const t = performance.now();
    mini.search(q, { combineWith, boost: { title: 3 } }).slice(0, 10);
    return performance.now() - t;
  };
  const run = (combineWith: 'OR' | 'AND') => {
    for (const q of warmup) one(q, combineWith);
    return percentiles(queries.map((q) => one(q, combineWith)));
  };
  return { buildMs, heap, or: run('OR'), and: run('AND') };
}

async function main() {
  const docs = Number(args.docs);
  const queryCount = Number(args.queries);
  const miniDocs = Number(args['minisearch-docs']);
  const dir = args.dir ?? mkdtempSync(path.join(tmpdir(), 'dailypapers-bench-'));
  mkdirSync(dir, { recursive: true });
  const samples = loadArxivSamples({ dataDir: DATA });
  const phrases = titlePhraseQueries({ samples, count: queryCount, seed: 7 });
  const sentences = sentenceQueries({ samples, count: queryCount, seed: 8 });
  const warmup = titlePhraseQueries({ samples, count: 20, seed: 99 });
  if (args.overlap) {
    console.log(`search overlap bench: ${queryCount} title-phrase queries, snapshot ${args.snapshot}`);
    await runOverlap({
      sizes: args.sizes.split(',').map(Number),
      snapshot: args.snapshot,
      dir,
      name: args.name,
      queries: phrases,
      warmup,
      anchorQueries: Number(args['anchor-queries']),
      percentiles,
    });
    return;
  }
  console.log(`search bench: ${docs.toLocaleString('en')} synthetic papers, ${queryCount} queries per set`);

  const file = path.join(dir, `search-${docs}.db`);
  const reuse = args.reuse && existsSync(file);
  if (!reuse) rmSync(file, { force: true });
  const built = reuse
    ? { index: openSearchIndex({ path: file }), buildMs: 0, optimizeMs: 0, size: statSync(file).size }
    : await buildIndex({ samples, docs, file });
  console.log(
    reuse
      ? `reusing ${file} (${mb(built.size)})`
      : `build ${(built.buildMs / 1000).toFixed(1)} s (${Math.round(docs / (built.buildMs / 1000))} papers/s), optimize ${(built.optimizeMs / 1000).toFixed(1)} s, index ${mb(built.size)}`,
  );
  // Warm-up on other queries: prepares statements and loads the scratch tokenizer, as a running server has.
  timeQueries(built.index, warmup);
  const phrase = timeQueries(built.index, phrases);
  report('title-phrase queries', phrase);
  report('sentence queries', timeQueries(built.index, sentences));
  report('repeated (result cache)', timeQueries(built.index, phrases));
  for (const mode of ['prf', 'model'] as const) {
    for (const [label, qs] of [
      ['title', phrases],
      ['sentence', sentences],
    ] as const) {
      const r = timeRerank(file, qs, warmup, mode);
      report(`${label}, same run, no rerank`, r.base);
      report(`${label} + rerank ${mode}`, r.total);
      console.log(`${''.padEnd(26)} added p50 ${r.added.p50} ms  p95 ${r.added.p95} ms  p99 ${r.added.p99} ms`);
    }
  }
  // Spread over the corpus, seeded: every paper id is in 1..docs.
  const examples = Array.from({ length: queryCount }, (_, i) => 1 + ((i * 7_919 + 13) % docs));
  timeSimilar(
    built.index,
    examples.slice(0, 20).map((id) => 1 + ((id * 31) % docs)),
  );
  report('similar papers (page)', timeSimilar(built.index, examples));
  built.index.close();
  // A second handle has an empty result cache but a warm OS page cache: the steady state of a server.
  const again = openSearchIndex({ path: file });
  timeQueries(again, warmup);
  report('title-phrase, 2nd pass', timeQueries(again, phrases));
  report('sentence, 2nd pass', timeQueries(again, sentences));
  again.close();
  console.log(`peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`);

  const dims = Number(args.dims);
  if (dims > 0) {
    const vec = openSearchIndex({ path: file, vectors: { model: BENCH_MODEL } });
    const stored = await storeVectors({ index: vec, dims });
    console.log(
      `vectors: ${docs.toLocaleString('en')} × ${dims} ${stored.reused ? 'reused' : `stored in ${(stored.storeMs / 1000).toFixed(1)} s`}, ${stored.kind} index ${stored.reused ? 'loaded' : 'built'} in ${(stored.graphMs / 1000).toFixed(1)} s; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    timeModes({ index: vec, queries: warmup, dims, percentiles });
    const modes = timeModes({ index: vec, queries: phrases, dims, percentiles });
    const line = (label: string, r: { p50: string; p95: string; p99: string }) =>
      console.log(`${label.padEnd(26)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms`);
    line('hybrid (RRF)', modes.hybrid);
    line('semantic', modes.semantic);
    line('keyword + cat/year filter', modes.keywordFiltered);
    line('hybrid + cat/year filter', modes.hybridFiltered);
    line('semantic + cat/year filter', modes.semanticFiltered);
    vec.close();
  }

  if (miniDocs > 0) {
    let ours: { p50: string; p95: string; p95n: number } = phrase;
    if (miniDocs !== docs) {
      const small = await buildIndex({ samples, docs: miniDocs, file: path.join(dir, `search-${miniDocs}.db`) });
      timeQueries(small.index, warmup);
      ours = timeQueries(small.index, phrases);
      small.index.close();
    }
    const mini = miniSearchRun({ samples, docs: miniDocs, queries: phrases, warmup });
    console.log(`at ${miniDocs.toLocaleString('en')} papers: dailypapers p50 ${ours.p50} / p95 ${ours.p95} ms`);
    console.log(
      `  MiniSearch OR  p50 ${mini.or.p50} / p95 ${mini.or.p95} ms; AND p50 ${mini.and.p50} / p95 ${mini.and.p95} ms; build ${(mini.buildMs / 1000).toFixed(1)} s; heap ${mb(mini.heap)}`,
    );
    console.log(`  p95 ratio MiniSearch(OR) / dailypapers = ${(mini.or.p95n / Math.max(ours.p95n, 0.01)).toFixed(1)}×`);
  }
  console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
}

await main();
