// "Similar papers" and "paste an abstract": a BM25 query built from the most distinctive terms of a text
// (tf × idf, as Lucene's MoreLikeThis does). Terms are repeated in the OR in proportion to their tf-idf
// rank because FTS5's bm25() sums over phrases, which is the only way to weight query terms in it. The best
// candidates are then ranked again against the whole example (example-rank.ts).
import type Database from 'better-sqlite3';
import { createCandidateReader } from './candidates.js';
import { contentWords, createExampleRanker } from './example-rank.js';
import { filterCondition } from './filters.js';
import { quoteWords } from './query-plan.js';
import { EMPTY_FILTERS, type MoreLikeThisOptions, type SimilarHit } from './search.models.js';
import type { TermStats } from './term-stats.js';

export const MLT_TUNING = {
  // With the second stage the count hardly changes quality (CSFCube, ranking the whole corpus, nDCG@20: 15 terms
  // 0.458, 30 0.461, 50 0.456, 100 0.456) but sets the cost: at 1M papers a paper page's similar papers take
  // p95 57 ms with 30 terms and 141 ms with 100 (bench/search.ts).
  maxQueryTerms: 30,
  /** Terms in fewer papers than this are typos or one-off symbols rather than topic words. */
  minDf: 2,
  maxDfRatio: 0.2,
  /** The best term appears this many times in the OR, the weakest once. */
  maxRepeat: 3,
  /** Candidates the second stage ranks again (the first stage's best, by its own BM25). */
  rerankDepth: 100,
};

export interface WeightedTerm {
  word: string;
  weight: number;
}

/** The text's most distinctive words, best first. */
export function distinctiveTerms({ text, stats }: { text: string; stats: TermStats }): WeightedTerm[] {
  const words = contentWords(text);
  const stems = stats.stems(words);
  const byStem = new Map<string, { word: string; tf: number }>();
  words.forEach((word, i) => {
    const stem = stems[i];
    if (!stem) return;
    const entry = byStem.get(stem);
    if (entry) entry.tf++;
    else byStem.set(stem, { word, tf: 1 });
  });
  const n = Math.max(stats.docCount(), 1);
  const maxDf = Math.max(MLT_TUNING.maxDfRatio * n, MLT_TUNING.minDf);
  const scored: WeightedTerm[] = [];
  for (const [stem, { word, tf }] of byStem) {
    const df = stats.df(stem);
    if (df < MLT_TUNING.minDf || df > maxDf) continue;
    scored.push({ word, weight: tf * Math.log(n / df) });
  }
  return scored.sort((a, b) => b.weight - a.weight).slice(0, MLT_TUNING.maxQueryTerms);
}

export function mltMatch(terms: readonly WeightedTerm[]): string | null {
  if (terms.length === 0) return null;
  const top = terms[0]!.weight;
  const parts: string[] = [];
  for (const t of terms) {
    // In a tiny corpus every term can have weight 0 (it occurs in every paper); 0/0 must not drop the term.
    const repeat = top > 0 ? Math.max(1, Math.round((MLT_TUNING.maxRepeat * t.weight) / top)) : 1;
    for (let i = 0; i < repeat; i++) parts.push(quoteWords([t.word]));
  }
  return parts.join(' OR ');
}

export function createMoreLikeThis({ db, stats }: { db: Database.Database; stats: TermStats }) {
  const candidates = createCandidateReader(db);
  const rankByExample = createExampleRanker({ db, stats });
  return function moreLikeThis(example: string, options: MoreLikeThisOptions): SimilarHit[] {
    const text = typeof example === 'string' ? example : '';
    const match = mltMatch(distinctiveTerms({ text, stats }));
    if (match === null) return [];
    const filter = filterCondition({ filters: EMPTY_FILTERS, restrictTo: options.restrictTo });
    if (options.excludePaperId != null) {
      filter.sql += ' AND d.paper_id <> ?';
      filter.params.push(options.excludePaperId);
    }
    const { rows } = candidates.read({ match, filter, mode: 'or' });
    rows.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
    const limit = Math.min(Math.max(Math.trunc(options.limit) || 0, 1), 200);
    const best = rows
      .slice(0, Math.max(limit, MLT_TUNING.rerankDepth))
      .map((r) => ({ paperId: r.paperId, arxivId: r.arxivId, score: r.score }));
    return rankByExample(text, best).slice(0, limit);
  };
}
