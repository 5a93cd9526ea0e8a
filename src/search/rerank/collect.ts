// Feature rows of a BEIR-layout benchmark, for training and for evaluating the reranker: the corpus is
// indexed with the production code, each judged query runs the production first stage (rerank off, top
// `depth`), and the reranker computes the features of those candidates from the index. Rows carry the
// judged relevance (0 when unjudged) and how many relevant documents the query has in all (for nDCG's ideal).
import Database from 'better-sqlite3';
import { readQrels, readQueries } from '../eval/load.js';
import { parseSearchQuery } from '../query-parser.js';
import type { SearchIndex } from '../search-index.js';
import { createTermStats } from '../term-stats.js';
import type { PrfSettings } from './prf.js';
import { DEFAULT_PRF } from './prf.js';
import { createReranker } from './reranker.js';

export interface QueryRows {
  qid: string;
  /** Corpus ids of the candidates, first-stage order. */
  ids: string[];
  /** Judged relevance of each candidate. */
  rel: number[];
  /** Every judgment of the query (including documents the first stage missed), for the ideal ranking. */
  judged: number[];
  x: number[][];
}

export function collectRows({
  datasetDir,
  index,
  split,
  depth = 100,
  prf = DEFAULT_PRF,
}: {
  datasetDir: string;
  index: SearchIndex;
  split: string;
  depth?: number;
  prf?: PrfSettings;
}): QueryRows[] {
  const queries = readQueries(datasetDir);
  const qrels = readQrels(datasetDir, split);
  // A second connection on the same file: the reranker reads texts and term statistics only.
  const db = new Database(index.path);
  try {
    const reranker = createReranker({ db, stats: createTermStats(db), model: null });
    const out: QueryRows[] = [];
    for (const [qid, judgments] of qrels) {
      const query = queries.get(qid);
      if (!query) continue;
      const parsed = parseSearchQuery(query.text);
      const hits = index.search(parsed, { limit: depth, offset: 0, sort: 'relevance', rerank: 'off' }).hits;
      const f = reranker.features({ query: parsed, rows: hits, prf, depth });
      out.push({
        qid,
        ids: hits.map((h) => h.arxivId),
        rel: hits.map((h) => judgments.get(h.arxivId) ?? 0),
        judged: [...judgments.values()],
        x: f.rows,
      });
    }
    return out;
  } finally {
    db.close();
  }
}
