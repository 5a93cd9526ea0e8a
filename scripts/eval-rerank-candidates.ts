// Issue 18 candidates that were measured and not adopted, reproducible (docs/search.md, "Reranking …"):
// 1. query likelihood with Dirichlet smoothing (μ), min-max normalised per query and mixed into the shipped
//    model's score with weight w; 2. passage-level matching: the best IDF-weighted query coverage of one
//    sentence of the abstract (or the title), mixed the same way; 3. (--cv FILE) a diagnostic ceiling: linear
//    models fitted on SciFact *train* itself in two folds, from the feature cache of
//    `scripts/train-reranker.ts --cache .scratch/reranker` (FILE = .scratch/reranker-scifact-train.json).
// Reads SciFact *train* and the arXiv sentence queries only — never SciFact test.
//   npx tsx scripts/eval-rerank-candidates.ts [--cv .scratch/reranker-scifact-train.json]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { indexBeirCorpus } from '../src/search/eval/beir.js';
import { readQrels, readQueries } from '../src/search/eval/load.js';
import { parseSearchQuery, splitWords } from '../src/search/query-parser.js';
import { buildSentenceQueries, sentencesOf, writeBeirLayout } from '../src/search/rerank/arxiv-queries.js';
import { bigramsOf, countBigrams, FEATURE_NAMES, type FeatureName, idfOf } from '../src/search/rerank/features.js';
import { contentWordsOf, queryStems } from '../src/search/rerank/terms.js';
import { idcgOf, meanNdcg, ndcgOf, trainingQueries, trainLinear } from '../src/search/rerank/train.js';
import { openSearchIndex } from '../src/search/search-index.js';
import { createTermStats } from '../src/search/term-stats.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    scifact: { type: 'string', default: '../shared/data/beir-scifact' },
    cv: { type: 'string' },
  },
});
const SHIPPED = { bm25Ratio: 0.875874, orderedBigrams: 0.124126 };

interface Candidate {
  bm25: number;
  bigrams: number;
  /** Query-likelihood ingredients: the query terms' counts in the paper, its length, P(term | corpus). */
  tf: number[];
  length: number;
  passage: number;
}
interface Query {
  rel: number[];
  idcg: number;
  pc: number[];
  c: Candidate[];
}

function collect(datasetDir: string): Query[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-candidates-'));
  const index = openSearchIndex({ path: path.join(dir, 'search.db') });
  try {
    indexBeirCorpus({ datasetDir, index });
    const db = new Database(index.path);
    const stats = createTermStats(db);
    const cf = db.prepare('SELECT cnt FROM fts_row WHERE term = ?').pluck();
    const tokens = Number(db.prepare('SELECT sum(cnt) FROM fts_row').pluck().get());
    const text = db.prepare('SELECT title, abstract FROM fts WHERE rowid = ?').raw();
    const queries = readQueries(datasetDir);
    const out: Query[] = [];
    for (const [qid, judgments] of readQrels(datasetDir, 'train')) {
      const query = queries.get(qid);
      if (!query) continue;
      const parsed = parseSearchQuery(query.text);
      const hits = index.search(parsed, { limit: 100, offset: 0, sort: 'relevance', rerank: 'off' }).hits;
      const sequence = queryStems(parsed, stats);
      const terms = [...new Set(sequence)];
      const idf = terms.map((t) => idfOf(stats.df(t), Math.max(stats.docCount(), 1)));
      const totalIdf = idf.reduce((a, b) => a + b, 0) || 1;
      const bigrams = bigramsOf(sequence);
      const stem = (s: string) => stats.stems(contentWordsOf(s)).map((x) => x ?? '');
      out.push({
        rel: hits.map((h) => judgments.get(h.arxivId) ?? 0),
        idcg: idcgOf([...judgments.values()]),
        pc: terms.map((t) => Math.max(Number(cf.get(t) ?? 0), 1) / tokens),
        c: hits.map((h) => {
          const [title, abstract] = text.get(h.paperId) as [string, string];
          const passages = [title, ...sentencesOf(abstract)].map(stem);
          const all = passages.flatMap((p, i) => (i === 0 ? [...p, '\u0000'] : p));
          const counts = new Map<string, number>();
          for (const t of all) counts.set(t, (counts.get(t) ?? 0) + 1);
          const coverage = (p: string[]) => {
            const has = new Set(p);
            return terms.reduce((s, t, i) => s + (has.has(t) ? idf[i]! : 0), 0) / totalIdf;
          };
          return {
            bm25: h.score,
            bigrams: bigrams.length > 0 ? countBigrams(bigrams, all, 'ordered') / bigrams.length : 0,
            tf: terms.map((t) => counts.get(t) ?? 0),
            length: splitWords(`${title} ${abstract}`).length,
            passage: Math.max(0, ...passages.map(coverage)),
          };
        }),
      });
    }
    db.close();
    return out;
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const byMax = (v: number[]) => {
  const m = Math.max(...v, 1e-9);
  return v.map((x) => x / m);
};
const minMax = (v: number[]) => {
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return v.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0));
};
const shipped = (q: Query) => {
  const b = byMax(q.c.map((c) => c.bm25));
  const o = byMax(q.c.map((c) => c.bigrams));
  return b.map((x, i) => SHIPPED.bm25Ratio * x + SHIPPED.orderedBigrams * o[i]!);
};
const ql = (q: Query, mu: number) =>
  q.c.map((c) => c.tf.reduce((s, f, t) => s + Math.log((f + mu * q.pc[t]!) / (c.length + mu)), 0));
const mixed = (q: Query, other: number[], w: number) => {
  const base = shipped(q);
  const z = minMax(other);
  return base.map((x, i) => (1 - w) * x + w * z[i]!);
};
const mean = (qs: Query[], score: (q: Query) => number[]) =>
  (qs.reduce((s, q) => s + ndcgOf({ x: [], rel: q.rel, idcg: q.idcg }, score(q)), 0) / qs.length).toFixed(4);

const sets: [string, Query[]][] = [['SciFact train', collect(args.scifact)]];
const sentences = buildSentenceQueries({ dataDir: path.resolve(args.data), seed: 18 });
const sentenceDir = mkdtempSync(path.join(tmpdir(), 'dailypapers-sentences-'));
writeBeirLayout(sentences, sentenceDir);
sets.push(['arXiv sentences', collect(sentenceDir)]);
rmSync(sentenceDir, { recursive: true, force: true });
const W = [0.1, 0.2, 0.3, 0.5];
for (const [name, qs] of sets) {
  console.log(`${name}: BM25 ${mean(qs, (q) => q.c.map((c) => c.bm25))}, shipped ${mean(qs, shipped)}`);
  for (const mu of [300, 1000, 2000]) {
    const row = W.map((w) => `w ${w} ${mean(qs, (q) => mixed(q, ql(q, mu), w))}`);
    console.log(`  QL μ ${mu}: alone ${mean(qs, (q) => ql(q, mu))}; shipped mixed with it: ${row.join(', ')}`);
  }
  const row = [0.05, ...W].map(
    (w) =>
      `w ${w} ${mean(qs, (q) =>
        mixed(
          q,
          q.c.map((c) => c.passage),
          w,
        ),
      )}`,
  );
  console.log(`  best sentence coverage: shipped mixed with it: ${row.join(', ')}`);
}

if (args.cv) {
  // Diagnostic only — fitted on SciFact train, so never a candidate for shipping (and SciFact is CC BY-NC).
  const rows = JSON.parse(readFileSync(args.cv, 'utf8'));
  const subsets: FeatureName[][] = [
    ['bm25Ratio', 'orderedBigrams'],
    ['bm25Ratio', 'orderedBigrams', 'unorderedBigrams'],
    ['bm25Ratio', 'orderedBigrams', 'titleCoverage', 'coverageIdf'],
    ['bm25Ratio', 'orderedBigrams', 'minWindow'],
    FEATURE_NAMES.filter((name) => name !== 'bm25'),
  ];
  for (const features of subsets) {
    const qs = trainingQueries(rows, features, { keepUnanswerable: true });
    const folds = [qs.filter((_, i) => i % 2 === 0), qs.filter((_, i) => i % 2 === 1)];
    let total = 0;
    for (const [fit, held] of [folds, [folds[1]!, folds[0]!]]) {
      const answerable = fit!.filter((q) => q.rel.some((r) => r > 0));
      const m = trainLinear({ queries: answerable, width: features.length, restarts: 1, passes: 6, seed: 1 });
      total += meanNdcg(held!, (x) => x.reduce((s, v, j) => s + v * m.weights[j]!, 0)) * held!.length;
    }
    console.log(
      `2-fold on SciFact train, ${features.length} features (${features.slice(0, 4).join(', ')}…): ${(total / qs.length).toFixed(4)} (BM25 ${meanNdcg(qs, (x) => x[0]!).toFixed(4)})`,
    );
  }
}
