// Pseudo-relevance feedback, RM3 (Lavrenko & Croft's relevance model with the original query mixed back
// in, as in Anserini): the top `docs` candidates of the first stage are assumed relevant, each weighted by
// its share of their BM25 scores; a term's weight is Σ_d weight(d) · tf(t, d) / |d|; the `terms` heaviest
// terms form the expansion, mixed with the original terms as λ · original + (1 − λ) · expansion. Candidates
// are then scored by BM25 of that weighted query. Everything is read from the candidates already in hand
// (no second retrieval), so it costs a few df look-ups and one pass over the top candidates' tokens.
import { bm25, type CandidateTokens, countOf, type QueryTerm } from './features.js';

export interface PrfSettings {
  /** Feedback documents (Anserini's fbDocs). */
  docs: number;
  /** Expansion terms (fbTerms). */
  terms: number;
  /** Weight of the original query (originalQueryWeight). */
  lambda: number;
}

/** Anserini's RM3 defaults; SciFact train preferred them to the neighbours tried (docs/search.md). */
export const DEFAULT_PRF: PrfSettings = { docs: 10, terms: 10, lambda: 0.5 };

export interface WeightedTerm extends QueryTerm {
  weight: number;
}

/** The expansion terms with their relevance-model weights (summing to 1), heaviest first. */
export function rm3Expansion({
  candidates,
  settings,
}: {
  candidates: readonly CandidateTokens[];
  settings: PrfSettings;
}): { stem: string; weight: number }[] {
  const feedback = candidates.slice(0, settings.docs);
  const total = feedback.reduce((s, c) => s + Math.max(c.score, 0), 0);
  if (total <= 0) return [];
  const model = new Map<string, number>();
  for (const c of feedback) {
    const tokens = [...c.title, ...c.abstract];
    if (tokens.length === 0) continue;
    const docWeight = Math.max(c.score, 0) / total;
    for (const [t, f] of countOf(tokens)) {
      // Numbers and two-letter fragments (units, variable names) are noise as expansion terms.
      if (t.length <= 2 || /^\d+$/.test(t)) continue;
      model.set(t, (model.get(t) ?? 0) + (docWeight * f) / tokens.length);
    }
  }
  const top = [...model].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, settings.terms);
  const sum = top.reduce((s, [, w]) => s + w, 0) || 1;
  return top.map(([stem, w]) => ({ stem, weight: w / sum }));
}

/** λ · original (each of its terms 1/|Q|) + (1 − λ) · expansion, merged by stem. */
export function mixQuery({
  original,
  expansion,
  lambda,
}: {
  original: readonly QueryTerm[];
  expansion: readonly WeightedTerm[];
  lambda: number;
}): WeightedTerm[] {
  const out = new Map<string, WeightedTerm>();
  const add = (t: QueryTerm, w: number) => {
    const prev = out.get(t.stem);
    out.set(t.stem, { stem: t.stem, idf: t.idf, weight: (prev?.weight ?? 0) + w });
  };
  for (const t of original) add(t, lambda / Math.max(original.length, 1));
  for (const t of expansion) add(t, (1 - lambda) * t.weight);
  return [...out.values()];
}

/** BM25 of the weighted query against each candidate's title + abstract (lengths against their average). */
export function prfScores({
  query,
  candidates,
}: {
  query: readonly WeightedTerm[];
  candidates: readonly CandidateTokens[];
}): number[] {
  const lengths = candidates.map((c) => c.title.length + c.abstract.length);
  const avg = Math.max(lengths.reduce((s, x) => s + x, 0) / Math.max(lengths.length, 1), 1);
  return candidates.map((c, i) => {
    const tf = countOf([...c.title, ...c.abstract]);
    let score = 0;
    for (const t of query) score += t.weight * bm25([t], tf, lengths[i]!, avg);
    return score;
  });
}
