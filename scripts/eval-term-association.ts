// Measures the corpus-association soft-match feature (src/search/rerank/term-association.ts) beside the
// shipped reranker features, and fits the linear reranker with it on the licence-clean arXiv sentence queries:
//   npx tsx scripts/eval-term-association.ts [--data ../shared/data] [--cache .scratch/assoc]
// Term vectors are built per benchmark from that benchmark's own indexed corpus (text only, no judgment), as a
// deployed index would build them from its own papers. Fitting reads only the arXiv queries; SciFact train
// is printed to choose; SciFact test is never read here; CSFCube is printed, never fitted.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { indexBeirCorpus } from '../src/search/eval/beir.js';
import { readCorpus, readQrels, readQueries } from '../src/search/eval/load.js';
import { parseSearchQuery } from '../src/search/query-parser.js';
import { buildSentenceQueries, writeBeirLayout } from '../src/search/rerank/arxiv-queries.js';
import { FEATURE_NAMES, idfOf } from '../src/search/rerank/features.js';
import { normaliseRows } from '../src/search/rerank/model.js';
import { createReranker } from '../src/search/rerank/reranker.js';
import {
  buildTermVectors,
  DEFAULT_ASSOCIATION,
  neighbourLookup,
  softMatch,
} from '../src/search/rerank/term-association.js';
import { queryStems } from '../src/search/rerank/terms.js';
import { idcgOf, meanNdcg, type TrainingQuery, trainLinear } from '../src/search/rerank/train.js';
import { openSearchIndex, type SearchIndex } from '../src/search/search-index.js';
import { createTermStats } from '../src/search/term-stats.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    cache: { type: 'string', default: '.scratch/assoc' },
    only: { type: 'string' },
    window: { type: 'string', default: String(DEFAULT_ASSOCIATION.window) },
    dims: { type: 'string', default: String(DEFAULT_ASSOCIATION.dims) },
    'min-cosine': { type: 'string', default: '0.3' },
    neighbours: { type: 'string', default: '30' },
  },
});

const EXTRA = ['soft', 'softAll', 'lsa'] as const;
const SETTINGS = { ...DEFAULT_ASSOCIATION, window: Number(args.window), dims: Number(args.dims) };
const NAMES = [...FEATURE_NAMES, ...EXTRA];
const col = (name: string) => NAMES.indexOf(name as (typeof NAMES)[number]);

interface Rows {
  qid: string;
  rel: number[];
  judged: number[];
  x: number[][];
}

/** Per-document token streams straight from the index (FTS5's own stems and positions, title then abstract). */
function indexStreams(db: Database.Database, window: number): Map<number, string[]> {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_instance USING fts5vocab(main, fts, instance)');
  const rows = db
    .prepare(
      "SELECT term, doc, col, offset FROM temp.fts_instance WHERE col IN ('title', 'abstract') ORDER BY doc, col DESC, offset",
    )
    .raw()
    .all() as [string, number, string, number][];
  const out = new Map<number, string[]>();
  let lastCol = '';
  for (const [term, doc, c] of rows) {
    let s = out.get(doc);
    if (!s) {
      s = [];
      out.set(doc, s);
      lastCol = c;
    }
    if (c !== lastCol) {
      for (let i = 0; i <= window; i++) s.push('');
      lastCol = c;
    }
    s.push(term);
  }
  return out;
}

function association(index: SearchIndex) {
  const db = new Database(index.path);
  const started = performance.now();
  const streams = indexStreams(db, SETTINGS.window);
  const vectors = buildTermVectors([...streams.values()], SETTINGS);
  console.log(
    `  term vectors: ${vectors.index.size} terms × ${vectors.dims} from ${streams.size} papers in ${Math.round(performance.now() - started)} ms`,
  );
  const lookup = neighbourLookup(vectors, { top: Number(args.neighbours), minCosine: Number(args['min-cosine']) });
  const docTerms = new Map([...streams].map(([d, s]) => [d, new Set(s)]));
  const stats = createTermStats(db);
  const n0 = Math.max(stats.docCount(), 1);
  // LSA-style text vector: the IDF-weighted sum of the text's distinct terms' vectors, unit length.
  const textVector = (terms: Iterable<{ stem: string; idf: number }>) => {
    const out = new Float64Array(vectors.dims);
    for (const t of terms) {
      const i = vectors.index.get(t.stem);
      if (i === undefined) continue;
      for (let d = 0; d < vectors.dims; d++) out[d]! += t.idf * vectors.vectors[i * vectors.dims + d]!;
    }
    const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0)) || 1;
    return out.map((v) => v / norm);
  };
  const docVectors = new Map<number, Float64Array>();
  const docVector = (id: number) => {
    let v = docVectors.get(id);
    if (!v) {
      v = textVector([...(docTerms.get(id) ?? [])].map((stem) => ({ stem, idf: idfOf(stats.df(stem), n0) })));
      docVectors.set(id, v);
    }
    return v;
  };
  const reranker = createReranker({ db, stats, model: null });
  const extra = (text: string, paperIds: readonly number[]) => {
    const parsed = parseSearchQuery(text);
    const n = Math.max(stats.docCount(), 1);
    const terms = [...new Set(queryStems(parsed, stats))].map((stem) => ({ stem, idf: idfOf(stats.df(stem), n) }));
    return paperIds.map((id) => {
      const set = docTerms.get(id) ?? new Set<string>();
      const soft = softMatch(terms, set, lookup);
      const total = terms.reduce((s, t) => s + t.idf, 0) || 1;
      const exact = terms.filter((t) => set.has(t.stem)).reduce((s, t) => s + t.idf, 0) / total;
      const qv = textVector(terms);
      const dv = docVector(id);
      let lsa = 0;
      for (let d = 0; d < qv.length; d++) lsa += qv[d]! * dv[d]!;
      return [soft, exact + soft, lsa];
    });
  };
  return { db, reranker, extra, lookup, vectors };
}

function beirRows(datasetDir: string, split: string, cacheFile: string): Rows[] {
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-assoc-'));
  const index = openSearchIndex({ path: path.join(dir, 'search.db') });
  try {
    indexBeirCorpus({ datasetDir, index });
    const a = association(index);
    const queries = readQueries(datasetDir);
    const out: Rows[] = [];
    for (const [qid, judgments] of readQrels(datasetDir, split)) {
      const q = queries.get(qid);
      if (!q) continue;
      const parsed = parseSearchQuery(q.text);
      const hits = index.search(parsed, { limit: 100, offset: 0, sort: 'relevance', rerank: 'off' }).hits;
      const f = a.reranker.features({ query: parsed, rows: hits, depth: 100, withPrf: false });
      const e = a.extra(q.text, f.paperIds);
      out.push({
        qid,
        rel: hits.map((h) => judgments.get(h.arxivId) ?? 0),
        judged: [...judgments.values()],
        x: f.rows.map((r, i) => [...r, ...e[i]!]),
      });
    }
    a.db.close();
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(out));
    return out;
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CSFCube: the production two-stage similar-papers ranking of each judged pool, then the same features. */
function csfcubeRows(datasetDir: string, cacheFile: string): Rows[] {
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-assoc-'));
  const index = openSearchIndex({ path: path.join(dir, 'search.db') });
  try {
    indexBeirCorpus({ datasetDir, index });
    const a = association(index);
    const paperIdOf = new Map(readCorpus(datasetDir).map((d, i) => [d._id, i + 1]));
    const queries = readQueries(datasetDir);
    const out: Rows[] = [];
    for (const [qid, judgments] of readQrels(datasetDir, 'test')) {
      const q = queries.get(qid);
      const meta = (q?.metadata ?? {}) as { query_paper_id?: string };
      const text = q?.text ?? '';
      const pool = [...judgments.keys()].map((id) => paperIdOf.get(id)).filter((id): id is number => id !== undefined);
      const self = meta.query_paper_id ? (paperIdOf.get(meta.query_paper_id) ?? null) : null;
      const hits = index.similar({
        text,
        paperId: self,
        limit: Math.max(pool.length, 100),
        restrictTo: pool,
        excludePaperId: self,
        rerank: 'off',
      });
      const parsed = parseSearchQuery(text);
      const f = a.reranker.features({ query: parsed, rows: hits, depth: 100, withPrf: false });
      const e = a.extra(text, f.paperIds);
      // Candidates past the reranked 100 keep their order below; pools are ≤ 100 here, so none are lost.
      out.push({
        qid,
        rel: hits.slice(0, 100).map((h) => judgments.get(h.arxivId) ?? 0),
        judged: [...judgments.values()],
        x: f.rows.map((r, i) => [...r, ...e[i]!]),
      });
    }
    a.db.close();
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(out));
    return out;
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function queriesOf(rows: readonly Rows[], names: readonly string[], k: number, keepAll = true): TrainingQuery[] {
  const cols = names.map(col);
  return rows
    .filter((q) => q.x.length > 0 && (keepAll || q.rel.some((r) => r > 0)))
    .map((q) => ({ x: normaliseRows(q.x.map((r) => cols.map((c) => r[c]!))), rel: q.rel, idcg: idcgOf(q.judged, k) }));
}

const started = performance.now();
const cache = `${args.cache}-w${SETTINGS.window}-d${SETTINGS.dims}-c${args['min-cosine']}-n${args.neighbours}`;
console.log('SciFact train …');
const scifact = beirRows(path.join(args.data, 'beir-scifact'), 'train', `${cache}-scifact-train.json`);
console.log('CSFCube …');
const csf = csfcubeRows(path.join(args.data, 'csfcube'), `${cache}-csfcube.json`);
let arxiv: Rows[] = [];
if (args.only !== 'eval') {
  console.log('arXiv sentence queries …');
  const set = buildSentenceQueries({ dataDir: path.resolve(args.data), seed: 18 });
  const setDir = mkdtempSync(path.join(tmpdir(), 'dailypapers-sentences-'));
  writeBeirLayout(set, setDir);
  arxiv = beirRows(setDir, 'train', `${cache}-arxiv.json`);
  rmSync(setDir, { recursive: true, force: true });
}
console.log(`rows ready in ${Math.round((performance.now() - started) / 1000)} s`);

/** nDCG@k of reranked candidates (ties keep first-stage order), ideal from every judgment of the query. */
function ndcgAtK(q: TrainingQuery, scores: number[], k: number): number {
  if (q.idcg <= 0) return 0;
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  let dcg = 0;
  order.slice(0, k).forEach((o, r) => {
    dcg += (2 ** q.rel[o.i]! - 1) / Math.log2(r + 2);
  });
  return dcg / q.idcg;
}
const meanAtK = (qs: TrainingQuery[], score: (x: number[]) => number, k: number) =>
  qs.reduce((s, q) => s + ndcgAtK(q, q.x.map(score), k), 0) / Math.max(qs.length, 1);
void meanNdcg;

const linearScore = (w: readonly number[]) => (x: number[]) => x.reduce((s, v, j) => s + v * w[j]!, 0);
const report = (label: string, names: readonly string[], w: readonly number[]) => {
  const f = (rows: Rows[], k: number) => (rows.length ? meanAtK(queriesOf(rows, names, k), linearScore(w), k) : NaN);
  console.log(
    `${label.padEnd(58)} arXiv ${f(arxiv, 10).toFixed(4)}  SciFact train ${f(scifact, 10).toFixed(4)}  CSFCube@20 ${f(csf, 20).toFixed(4)}  w=${w.map((v) => v.toFixed(3)).join(',')}`,
  );
};
report('BM25', ['bm25Ratio'], [1]);
report('shipped (0.876 bm25Ratio + 0.124 orderedBigrams)', ['bm25Ratio', 'orderedBigrams'], [0.875874, 0.124126]);
report('soft alone', ['soft'], [1]);
report('softAll alone', ['softAll'], [1]);
report('lsa alone', ['lsa'], [1]);
for (const w of [0.05, 0.1, 0.2, 0.3])
  report(`diag: bm25Ratio + ${w} lsa`, ['bm25Ratio', 'orderedBigrams', 'lsa'], [0.876, 0.124, w]);
// Diagnostic only (not used to fit): the mixing weight's effect on each benchmark.
for (const w of [0.05, 0.1, 0.2, 0.3])
  report(`diag: bm25Ratio + ${w} soft`, ['bm25Ratio', 'orderedBigrams', 'soft'], [0.876, 0.124, w]);
if (arxiv.length) {
  const subsets: string[][] = [
    ['bm25Ratio', 'orderedBigrams'],
    ['bm25Ratio', 'orderedBigrams', 'soft'],
    ['bm25Ratio', 'orderedBigrams', 'softAll'],
    ['bm25Ratio', 'soft'],
    ['bm25Ratio', 'orderedBigrams', 'soft', 'coverageIdf'],
  ];
  for (const names of subsets) {
    const fit = trainLinear({
      queries: queriesOf(arxiv, names, 10, false),
      width: names.length,
      restarts: 1,
      passes: 6,
      seed: 1,
    });
    report(`fit on arXiv: ${names.join(' + ')}`, names, fit.weights);
  }
}
