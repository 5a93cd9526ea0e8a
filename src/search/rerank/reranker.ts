// Second stage of keyword search: the first stage's top candidates are re-ordered, either by
// pseudo-relevance feedback alone (mode "prf") or by the learned model over all features (mode "model").
// Texts come from the index itself (the fts table) and are tokenised the index's way (terms.ts), so
// nothing is downloaded and nothing is stored beyond what the index already holds.
import type Database from 'better-sqlite3';
import type { RerankMode, SearchQuery } from '../search.models.js';
import type { TermStats } from '../term-stats.js';
import { orderedBigramShare } from './fast-bigrams.js';
import {
  bigramsOf,
  type CandidateTokens,
  extractFeatures,
  FEATURE_NAMES,
  type FeatureName,
  idfOf,
  type QueryTerm,
  type QueryTokens,
} from './features.js';

const CHEAP_FEATURES: readonly FeatureName[] = ['bm25', 'bm25Ratio', 'logRank', 'orderedBigrams'];

import { type RerankModel, scoreRows } from './model.js';
import { DEFAULT_PRF, mixQuery, type PrfSettings, prfScores, rm3Expansion } from './prf.js';
import { contentWordsOf, queryStems, wantedTokens } from './terms.js';

export type { RerankMode };
export const RERANK_MODES: readonly RerankMode[] = ['off', 'prf', 'model'];

/** Candidates reranked when no model says otherwise (the first stage's recall@100 is 0.93 on SciFact). */
export const DEFAULT_DEPTH = 100;

interface Scored {
  paperId: number;
  score: number;
}

export interface Reranker {
  /** Whether `mode` can run (mode "model" needs a loaded model). */
  available(mode: RerankMode): boolean;
  /** Re-orders the first `depth` rows in place (rows must be in first-stage order, best first). */
  rerank(input: { query: SearchQuery; rows: Scored[]; mode: RerankMode }): void;
  /** Feature rows of the first `depth` rows, for training and evaluation scripts. */
  features(input: {
    query: SearchQuery;
    rows: readonly Scored[];
    prf?: PrfSettings;
    depth?: number;
    /** false: the PRF features are 0 (skips their cost). */
    withPrf?: boolean;
  }): {
    paperIds: number[];
    rows: number[][];
  };
}

export function createReranker({
  db,
  stats,
  model,
}: {
  db: Database.Database;
  stats: TermStats;
  model: RerankModel | null;
}): Reranker {
  const readTexts = db
    .prepare('SELECT rowid, title, abstract FROM fts WHERE rowid IN (SELECT value FROM json_each(?))')
    .raw();

  const queryTokens = (query: SearchQuery): QueryTokens => {
    const sequence = queryStems(query, stats);
    const n = Math.max(stats.docCount(), 1);
    const terms: QueryTerm[] = [...new Set(sequence)].map((stem) => ({ stem, idf: idfOf(stats.df(stem), n) }));
    return { terms, sequence };
  };

  /** Candidate token streams (wanted stems only) and the PRF scores, from one read of the candidates' texts. */
  const analyse = (query: QueryTokens, rows: readonly Scored[], settings: PrfSettings, withPrf = true) => {
    const texts = new Map<number, [string, string]>();
    for (const [id, title, abstract] of readTexts.all(JSON.stringify(rows.map((r) => r.paperId))) as [
      number,
      string,
      string,
    ][])
      texts.set(id, [title, abstract]);
    const words = rows.map((r) => {
      const [title, abstract] = texts.get(r.paperId) ?? ['', ''];
      return { title: contentWordsOf(title), abstract: contentWordsOf(abstract) };
    });
    // The feedback documents are stemmed in full: their vocabulary is the expansion's.
    const feedback: CandidateTokens[] = rows.slice(0, withPrf ? settings.docs : 0).map((r, i) => ({
      paperId: r.paperId,
      score: r.score,
      title: stemAll(words[i]!.title),
      abstract: stemAll(words[i]!.abstract),
    }));
    const n = Math.max(stats.docCount(), 1);
    const expansion = rm3Expansion({ candidates: feedback, settings }).map((t) => ({
      ...t,
      idf: idfOf(stats.df(t.stem), n),
    }));
    const wanted = new Set([...query.terms.map((t) => t.stem), ...expansion.map((t) => t.stem)]);
    const streams = wantedTokens(
      words.flatMap((w) => [w.title, w.abstract]),
      wanted,
      stats,
    );
    const candidates: CandidateTokens[] = rows.map((r, i) => ({
      paperId: r.paperId,
      score: r.score,
      title: streams[2 * i]!,
      abstract: streams[2 * i + 1]!,
    }));
    const prf = prfScores({
      query: mixQuery({ original: query.terms, expansion, lambda: settings.lambda }),
      candidates,
    });
    return { candidates, prf };
  };
  const stemAll = (words: readonly string[]) => stats.stems(words).map((s) => s ?? '');

  // Feedback is the costly part (the top documents stemmed in full); a model that does not use it skips it.
  const modelUsesPrf = model?.features.some((f) => f === 'prf' || f === 'prfRatio') ?? true;
  const features: Reranker['features'] = ({ query, rows, prf = model?.prf ?? DEFAULT_PRF, depth, withPrf = true }) => {
    const top = rows.slice(0, depth ?? model?.depth ?? DEFAULT_DEPTH);
    const q = queryTokens(query);
    const { candidates, prf: prfScored } = analyse(q, top, prf, withPrf);
    return {
      paperIds: top.map((r) => r.paperId),
      rows: extractFeatures({ query: q, candidates, prfScores: prfScored }),
    };
  };

  // The shipped model reads only these; they need no full tokenisation of the candidates (fast-bigrams.ts).
  const cheapOnly = model?.features.every((f) => CHEAP_FEATURES.includes(f)) ?? false;
  const cheapRows = (query: SearchQuery, top: readonly Scored[]): number[][] => {
    const bigrams = bigramsOf(queryStems(query, stats));
    const texts = new Map<number, [string, string]>();
    for (const [id, title, abstract] of readTexts.all(JSON.stringify(top.map((r) => r.paperId))) as [
      number,
      string,
      string,
    ][])
      texts.set(id, [title, abstract]);
    const maxScore = Math.max(...top.map((r) => r.score), 1e-9);
    const at = (name: FeatureName) => FEATURE_NAMES.indexOf(name);
    return top.map((r, rank) => {
      const row = new Array<number>(FEATURE_NAMES.length).fill(0);
      row[at('bm25')] = r.score;
      row[at('bm25Ratio')] = r.score / maxScore;
      row[at('logRank')] = Math.log(1 + rank);
      row[at('orderedBigrams')] = orderedBigramShare(texts.get(r.paperId) ?? [], bigrams, stats);
      return row;
    });
  };

  return {
    available: (mode) => mode === 'prf' || (mode === 'model' && model !== null),
    rerank({ query, rows, mode }) {
      if (mode === 'off' || rows.length < 2 || (mode === 'model' && !model)) return;
      const depth = model?.depth ?? DEFAULT_DEPTH;
      const top = rows.slice(0, depth);
      let scores: number[];
      if (mode === 'prf') {
        scores = analyse(queryTokens(query), top, model?.prf ?? DEFAULT_PRF).prf;
      } else
        scores = scoreRows(
          model!,
          cheapOnly ? cheapRows(query, top) : features({ query, rows: top, withPrf: modelUsesPrf }).rows,
        );
      // Ties keep the first-stage order, so a model that cannot tell two candidates apart changes nothing.
      const order = top.map((r, i) => ({ r, i, s: scores[i]! })).sort((a, b) => b.s - a.s || a.i - b.i);
      // Reranked rows stay above the rest: their new scores live on another scale than BM25's.
      const floor = rows.length > depth ? rows[depth]!.score : 0;
      order.forEach((o, k) => {
        o.r.score = floor + (order.length - k);
      });
      rows.splice(0, top.length, ...order.map((o) => o.r));
    },
    features,
  };
}
