// Why a paper is recommended, in the reader's terms: the liked paper nearest to it ("because you saved …") and the
// words of its text that weighed most in their model (feature weight × the paper's TF-IDF value). Both come from
// what ranked it, so the explanation cannot drift from the ranking: the nearest positive by cosine of the same
// TF-IDF vectors, the terms from the same linear model.
import type { Interaction } from '../digest.models.js';
import { type FeatureText, featureTerms, type SparseVector } from './features.js';
import type { LinearModel } from './linear-model.js';

export interface LikedPaper<P> {
  paper: P;
  paperId: number;
  kind: Interaction['kind'];
  vector: SparseVector;
}

export interface Explanation<P> {
  /** The reader's liked paper most like this one, and how they liked it; null when none shares a feature. */
  because: { paper: P; kind: Interaction['kind'] } | null;
  /** The paper's words that added most to its score, strongest first (none without a model). */
  terms: string[];
}

/** Cosine of two L2-normalised sparse vectors with ascending indices. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) sum += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** A model's weights as a lookup, built once per reader and shared by the explanations of their list. */
export function weightLookup(model: LinearModel | null): Map<number, number> {
  const out = new Map<number, number>();
  if (!model) return out;
  for (let i = 0; i < model.weights.idx.length; i++) out.set(model.weights.idx[i]!, model.weights.val[i]!);
  return out;
}

const MAX_TERMS = 3;

export function explainRecommendation<P>(opts: {
  paperId: number;
  text: FeatureText;
  vector: SparseVector;
  weights: ReadonlyMap<number, number>;
  liked: readonly LikedPaper<P>[];
}): Explanation<P> {
  let best: LikedPaper<P> | null = null;
  let bestSim = 0;
  for (const l of opts.liked) {
    if (l.paperId === opts.paperId) continue;
    const sim = cosine(opts.vector, l.vector);
    if (sim > bestSim) {
      best = l;
      bestSim = sim;
    }
  }
  const contributions: Array<{ f: number; c: number }> = [];
  for (let i = 0; i < opts.vector.idx.length; i++) {
    const f = opts.vector.idx[i]!;
    const c = (opts.weights.get(f) ?? 0) * opts.vector.val[i]!;
    if (c > 0) contributions.push({ f, c });
  }
  contributions.sort((a, b) => b.c - a.c || a.f - b.f);
  const names = contributions.length > 0 ? featureTerms(opts.text) : new Map<number, string>();
  const terms: string[] = [];
  const usedWords = new Set<string>();
  for (const { f } of contributions) {
    if (terms.length >= MAX_TERMS) break;
    const term = names.get(f);
    // "error correction" and "error" say the same thing twice: a term sharing a word with a chosen one is skipped.
    if (!term || term.split(' ').some((w) => usedWords.has(w))) continue;
    terms.push(term);
    for (const w of term.split(' ')) usedWords.add(w);
  }
  return { because: best ? { paper: best.paper, kind: best.kind } : null, terms };
}
