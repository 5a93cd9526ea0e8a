// Retrains the shipped reranker (ranking/reranker.json) from licence-clean data only, deterministically:
//   npx tsx scripts/train-reranker.ts [--out ranking/reranker.json] [--data ../shared/data]
//                                     [--validate ../shared/data/beir-scifact] [--cache .scratch/reranker]
//                                     [--queries sentence|finding|title] [--features bm25Ratio,orderedBigrams]
// 1. Training set: every CC0 arXiv paper in shared/data (src/search/rerank/arxiv-queries.ts); one seeded
//    sentence of each abstract is the query, the paper (indexed without that sentence) its one relevant document.
//    --queries finding draws only result-stating sentences, --queries title uses each title (paper indexed
//    without it); both were measured as candidates (docs/search.md), the shipped default is sentence.
// 2. Candidates: the production first stage (top 100, BM25), features from the index (rerank/features.ts).
// 3. Model: linear, coordinate ascent on nDCG@10 (rerank/train.ts), seed 1.
// 4. --validate prints nDCG@10 on SciFact *train* (BM25 vs the model); SciFact is evaluation-only
//    (CC BY-NC) and its test split is never read here.
// The corpus term-association features (PPMI + SVD soft matching, rerank/term-association.ts) were fitted the
// same way by scripts/eval-term-association.ts and lowered SciFact train and CSFCube, so they are not used here.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { indexBeirCorpus } from '../src/search/eval/beir.js';
import {
  buildSentenceQueries,
  QUERY_KINDS,
  type QueryKind,
  writeBeirLayout,
} from '../src/search/rerank/arxiv-queries.js';
import { collectRows, type QueryRows } from '../src/search/rerank/collect.js';
import { FEATURE_NAMES, type FeatureName } from '../src/search/rerank/features.js';
import { MODEL_FORMAT, type RerankModel } from '../src/search/rerank/model.js';
import { DEFAULT_PRF } from '../src/search/rerank/prf.js';
import { meanNdcg, trainingQueries, trainLinear } from '../src/search/rerank/train.js';
import { openSearchIndex } from '../src/search/search-index.js';

/** Chosen on SciFact train among six subsets (docs/search.md): BM25 and ordered query bigrams. */
export const DEFAULT_FEATURES: FeatureName[] = ['bm25Ratio', 'orderedBigrams'];
const SEED = 18;
const DEPTH = 100;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'ranking/reranker.json' },
    data: { type: 'string', default: '../shared/data' },
    validate: { type: 'string' },
    cache: { type: 'string' },
    queries: { type: 'string', default: 'sentence' },
    features: { type: 'string', default: DEFAULT_FEATURES.join(',') },
  },
});
const kind = args.queries as QueryKind;
if (!QUERY_KINDS.includes(kind)) throw new Error(`--queries must be one of ${QUERY_KINDS.join(', ')}`);
const FEATURES = args.features.split(',') as FeatureName[];
for (const f of FEATURES) if (!FEATURE_NAMES.includes(f)) throw new Error(`unknown feature "${f}"`);
if (FEATURES[0] !== 'bm25Ratio') throw new Error('the first feature must be bm25Ratio (the BM25 order)');
const QUERY_TEXT: Record<QueryKind, string> = {
  sentence: 'sentence queries',
  finding: 'finding-sentence queries',
  title: 'title queries',
};
const QUERY_TASK: Record<QueryKind, string> = {
  sentence: 'each query is one sentence of an abstract, its paper indexed without it is the one relevant document',
  finding:
    'each query is one result-stating sentence of an abstract (or its last), its paper indexed without it is the one relevant document',
  title: 'each query is a title, its paper indexed without its title is the one relevant document',
};

function rowsOf(datasetDir: string, split: string, cacheFile: string | null): QueryRows[] {
  if (cacheFile && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-train-'));
  const index = openSearchIndex({ path: path.join(dir, 'search.db') });
  try {
    indexBeirCorpus({ datasetDir, index });
    const rows = collectRows({ datasetDir, index, split, depth: DEPTH, prf: DEFAULT_PRF });
    if (cacheFile) {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(rows));
    }
    return rows;
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = performance.now();
const set = buildSentenceQueries({ dataDir: path.resolve(args.data), seed: SEED, kind });
const setDir = mkdtempSync(path.join(tmpdir(), 'dailypapers-sentences-'));
writeBeirLayout(set, setDir);
console.log(`training set: ${set.corpus.length} papers, ${set.queries.length} ${QUERY_TEXT[kind]}`);
const arxivCache = kind === 'sentence' ? 'arxiv' : `arxiv-${kind}`;
const rows = rowsOf(setDir, 'train', args.cache ? `${args.cache}-${arxivCache}.json` : null);
rmSync(setDir, { recursive: true, force: true });
const train = trainingQueries(rows, FEATURES);
console.log(`${train.length} queries with their paper in the top ${DEPTH} (of ${rows.length})`);
const linear = trainLinear({ queries: train, width: FEATURES.length, restarts: 1, passes: 6, seed: 1 });
const score = (x: number[]) => x.reduce((s, v, j) => s + v * linear.weights[j]!, 0);
const all = trainingQueries(rows, FEATURES, { keepUnanswerable: true });
const bm25 = (x: number[]) => x[0]!;
console.log(
  `arXiv ${QUERY_TEXT[kind]} nDCG@10: BM25 ${meanNdcg(all, bm25).toFixed(4)}, model ${meanNdcg(all, score).toFixed(4)}`,
);

const model: RerankModel = {
  format: MODEL_FORMAT,
  version: 1,
  kind: 'linear',
  features: FEATURES,
  weights: linear.weights.map((w) => Math.round(w * 1e6) / 1e6),
  depth: DEPTH,
  prf: DEFAULT_PRF,
  trainedOn:
    `${set.queries.length} ${QUERY_TEXT[kind]} (seed ${SEED}) over ${set.corpus.length} CC0 arXiv papers in shared/data ` +
    `(arxiv-kaggle-sample, arxiv-db-metadata, arxiv-quantph-oaidc-processed, hf-papers-2024); ${QUERY_TASK[kind]}. ` +
    'Linear, coordinate ascent on nDCG@10, seed 1 (scripts/train-reranker.ts). No SciFact or CSFCube text.',
};
mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${args.out} in ${Math.round((performance.now() - started) / 1000)} s`);

if (args.validate) {
  const val = trainingQueries(
    rowsOf(args.validate, 'train', args.cache ? `${args.cache}-scifact-train.json` : null),
    FEATURES,
    {
      keepUnanswerable: true,
    },
  );
  console.log(
    `SciFact train nDCG@10: BM25 ${meanNdcg(val, bm25).toFixed(4)}, model ${meanNdcg(val, score).toFixed(4)}`,
  );
}
