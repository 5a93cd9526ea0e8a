// Relevance evaluation over any BEIR-layout folder. The corpus is indexed into a temporary index file with
// the production indexing code and every query goes through the production parser and search function.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEmbeddingJob } from '../../embeddings/embed-job.js';
import type { EmbeddingProvider } from '../../embeddings/provider.js';
import { parseSearchQuery } from '../query-parser.js';
import { DEFAULT_MODEL_FILE } from '../rerank/load.js';
import { readModelFile } from '../rerank/model.js';
import { SearchIndexError } from '../search.errors.js';
import type { FusionSettings, RerankMode, SearchDocument, SearchMode } from '../search.models.js';
import { openSearchIndex, type SearchIndex } from '../search-index.js';
import { readCorpus, readQrels, readQueries } from './load.js';
import { mean, mrrAt, ndcgAt, recallAt } from './metrics.js';

export interface BeirMetrics {
  'ndcg@10': number;
  'recall@100': number;
  'mrr@10': number;
  queries: number;
}

export type BeirSplit = 'test' | 'train' | 'dev';

/** Indexes a BEIR corpus; paperIds are 1..n in file order and arxivId carries the corpus `_id`. */
export function indexBeirCorpus({ datasetDir, index }: { datasetDir: string; index: SearchIndex }): number {
  const corpus = readCorpus(datasetDir);
  const batch: SearchDocument[] = [];
  const flush = () => {
    index.upsert(batch);
    batch.length = 0;
  };
  corpus.forEach((d, i) => {
    batch.push({
      paperId: i + 1,
      arxivId: d._id,
      title: d.title,
      abstract: d.text,
      authors: [],
      categories: [],
      primaryCategory: 'unknown',
      publishedAt: '2000-01-01',
      hasCode: false,
      upvotes: 0,
      withdrawn: false,
      changeSeq: i + 1,
    });
    if (batch.length === 5000) flush();
  });
  flush();
  index.refreshStats({ force: true });
  return corpus.length;
}

/** Query vectors for semantic/hybrid scoring, computed once per evaluation. */
export interface SemanticScoring {
  mode: 'semantic' | 'hybrid';
  model: string;
  vectors: ReadonlyMap<string, Float32Array>;
  fusion?: FusionSettings;
}

/** Scores an already indexed corpus on one split. */
export function scoreBeir({
  datasetDir,
  index,
  split,
  k = 10,
  semantic,
  rerank = 'off',
}: {
  datasetDir: string;
  index: SearchIndex;
  split: BeirSplit;
  k?: number;
  semantic?: SemanticScoring;
  /** Second stage of the keyword ranking (src/search/rerank/). */
  rerank?: RerankMode;
}): BeirMetrics {
  const queries = readQueries(datasetDir);
  const qrels = readQrels(datasetDir, split);
  const ndcg: number[] = [];
  const recall: number[] = [];
  const mrr: number[] = [];
  for (const [qid, judgments] of qrels) {
    const query = queries.get(qid);
    const vector = semantic?.vectors.get(qid);
    const ranked = query
      ? index
          .search(parseSearchQuery(query.text), {
            limit: 100,
            offset: 0,
            sort: 'relevance',
            rerank,
            semantic:
              semantic && vector
                ? { mode: semantic.mode, model: semantic.model, vector, fusion: semantic.fusion }
                : null,
          })
          .hits.map((h) => h.arxivId)
      : [];
    ndcg.push(ndcgAt({ ranked, judgments, k }));
    recall.push(recallAt({ ranked, judgments, k: 100 }));
    mrr.push(mrrAt({ ranked, judgments, k }));
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    'ndcg@10': round(mean(ndcg)),
    'recall@100': round(mean(recall)),
    'mrr@10': round(mean(mrr)),
    queries: ndcg.length,
  };
}

/** Embeds every indexed document with the real embedding job and every judged query of the split. */
export async function embedForEval({
  datasetDir,
  index,
  provider,
  split,
  onProgress,
}: {
  datasetDir: string;
  index: SearchIndex;
  provider: EmbeddingProvider;
  split: BeirSplit;
  onProgress?: (done: number, total: number) => void;
}): Promise<Map<string, Float32Array>> {
  await runEmbeddingJob({
    target: index,
    provider,
    batchSize: 64,
    onProgress: (p) => onProgress?.(p.embedded, p.pending),
  });
  const queries = readQueries(datasetDir);
  const ids = [...readQrels(datasetDir, split).keys()].filter((id) => queries.has(id));
  const vectors = await provider.embed({ texts: ids.map((id) => queries.get(id)!.text), kind: 'query' });
  return new Map(ids.map((id, i) => [id, vectors[i]!]));
}

/** What `dailypapers eval --dataset DIR [--mode] [--split] [--json]` runs. */
export async function evaluateBeir({
  datasetDir,
  split = 'test',
  mode = 'keyword',
  k = 10,
  provider,
  fusion,
  onProgress,
  rerank = 'off',
  modelFile,
}: {
  datasetDir: string;
  split?: BeirSplit;
  rerank?: RerankMode;
  /** Reranker model file (default: the shipped ranking/reranker.json). */
  modelFile?: string;
  mode?: SearchMode;
  k?: number;
  /** Required for semantic and hybrid modes. */
  provider?: EmbeddingProvider | null;
  fusion?: FusionSettings;
  onProgress?: (done: number, total: number) => void;
}): Promise<BeirMetrics> {
  if (!['keyword', 'semantic', 'hybrid'].includes(mode)) throw new Error(`unknown search mode "${String(mode)}"`);
  if (mode !== 'keyword' && !provider) {
    throw new SearchIndexError({
      code: 'search.eval_no_provider',
      message: `search mode "${mode}" needs an embedding provider (embeddings.provider); without one only keyword mode can be measured`,
    });
  }
  checkRerankModel(rerank, modelFile);
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-eval-'));
  const index = openSearchIndex({
    path: path.join(dir, 'search.db'),
    vectors: { model: provider?.id ?? null },
    fusion,
    rerank: { modelFile, warn: () => {} },
  });
  try {
    indexBeirCorpus({ datasetDir, index });
    if (mode === 'keyword' || !provider) return scoreBeir({ datasetDir, index, split, k, rerank });
    const vectors = await embedForEval({ datasetDir, index, provider, split, onProgress });
    return scoreBeir({
      datasetDir,
      index,
      split,
      k,
      rerank,
      semantic: { mode, model: provider.id, vectors, fusion },
    });
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A measurement of mode "model" must not quietly measure BM25: an unusable model file is an error here. */
export function checkRerankModel(rerank: RerankMode, modelFile: string | undefined): void {
  if (rerank !== 'model') return;
  const { problem } = readModelFile(modelFile ?? DEFAULT_MODEL_FILE);
  if (problem)
    throw new SearchIndexError({ code: 'search.eval_no_model', message: `reranker model unusable: ${problem}` });
}
