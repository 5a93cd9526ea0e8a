// Query-by-example evaluation on CSFCube (50 query papers × facet, graded 0–3 judgments). Official
// protocol: each query ranks only its judged candidate pool; nDCG@20 with exponential gains (2^rel − 1),
// averaged over all 50 query-facets — the setting in which plain BM25 scores 0.469 (dataset PROVENANCE).
// Ranking goes through the production `similar` (more-like-this on the query paper's title and abstract,
// fused with vector kNN from the paper's own vector when a provider is given).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEmbeddingJob } from '../../embeddings/embed-job.js';
import type { EmbeddingProvider } from '../../embeddings/provider.js';
import type { FusionSettings, RerankMode } from '../search.models.js';
import { openSearchIndex } from '../search-index.js';
import { checkRerankModel, indexBeirCorpus } from './beir.js';
import { readCorpus, readQrels, readQueries } from './load.js';
import { mean, ndcgAt } from './metrics.js';

export interface SimilarMetrics {
  'ndcg@20': number;
  /** nDCG@20 per facet (background, method, result). */
  byFacet: Record<string, number>;
  queries: number;
}

export async function evaluateSimilar({
  datasetDir,
  k = 20,
  queryText = 'paper',
  provider,
  fusion,
  rerank = 'off',
  modelFile,
}: {
  datasetDir: string;
  /** Second stage applied to the similar-papers ranking as well (the example's text is the query). */
  rerank?: RerankMode;
  modelFile?: string;
  k?: number;
  /** "paper" = title + abstract (what a paper page has); "facet" = only the sentences of the query's facet. */
  queryText?: 'paper' | 'facet';
  /** With a provider, every paper is embedded and similar papers fuse vector kNN with more-like-this. */
  provider?: EmbeddingProvider | null;
  fusion?: FusionSettings;
}): Promise<SimilarMetrics> {
  checkRerankModel(rerank, modelFile);
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-similar-'));
  const index = openSearchIndex({
    path: path.join(dir, 'search.db'),
    vectors: { model: provider?.id ?? null },
    fusion,
    rerank: { modelFile, warn: () => {} },
  });
  try {
    indexBeirCorpus({ datasetDir, index });
    if (provider) await runEmbeddingJob({ target: index, provider, batchSize: 64 });
    const paperIdOf = new Map(readCorpus(datasetDir).map((d, i) => [d._id, i + 1]));
    const queries = readQueries(datasetDir);
    const qrels = readQrels(datasetDir, 'test');
    const perFacet = new Map<string, number[]>();
    const all: number[] = [];
    for (const [qid, judgments] of qrels) {
      const query = queries.get(qid);
      const meta = (query?.metadata ?? {}) as {
        query_paper_id?: string;
        facet?: string;
        facet_sentences?: string[];
        title?: string;
      };
      const text =
        queryText === 'facet' && meta.facet_sentences
          ? [meta.title ?? '', ...meta.facet_sentences].join(' ')
          : (query?.text ?? '');
      const pool = [...judgments.keys()].map((id) => paperIdOf.get(id)).filter((id): id is number => id !== undefined);
      const queryPaperId = meta.query_paper_id ? (paperIdOf.get(meta.query_paper_id) ?? null) : null;
      const hits = index.similar({
        text,
        paperId: queryPaperId,
        limit: pool.length,
        restrictTo: pool,
        excludePaperId: queryPaperId,
        rerank,
      });
      const score = ndcgAt({ ranked: hits.map((h) => h.arxivId), judgments, k, gain: 'exponential' });
      all.push(score);
      const facet = meta.facet ?? 'all';
      perFacet.set(facet, [...(perFacet.get(facet) ?? []), score]);
    }
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    const byFacet = Object.fromEntries([...perFacet].map(([f, v]) => [f, round(mean(v))]));
    return { 'ndcg@20': round(mean(all)), byFacet, queries: all.length };
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
