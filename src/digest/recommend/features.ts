// Sparse TF-IDF features of a paper's title and abstract, in the spirit of arxiv-sanity-lite (unigrams and
// bigrams, sublinear TF, L2-normalised) but hashed into a fixed space instead of a fitted vocabulary: a user's
// model stays valid as new papers bring new words, and no vocabulary has to be stored or kept in sync.
import { STOP_WORDS } from '../../search/stopwords.js';

export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;

export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

export interface FeatureText {
  title: string;
  abstract: string;
}

/** Document frequencies of a corpus, from which IDF weights are read. */
export interface FeatureSpace {
  docs: number;
  df: Uint32Array;
}

/** Lower-case word tokens without stop words, numbers or TeX commands' backslashes. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(w);
  }
  return out;
}

// FNV-1a: fast, well spread for short strings, and stable across processes and releases (models are stored).
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (FEATURE_DIM - 1);
}

/** Raw term counts by feature; title words count twice, as a title says more about a paper than a sentence does. */
export function termCounts(doc: FeatureText): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (tokens: string[], weight: number) => {
    for (let i = 0; i < tokens.length; i++) {
      const uni = hash(tokens[i]!);
      counts.set(uni, (counts.get(uni) ?? 0) + weight);
      if (i + 1 < tokens.length) {
        const bi = hash(`${tokens[i]} ${tokens[i + 1]}`);
        counts.set(bi, (counts.get(bi) ?? 0) + weight);
      }
    }
  };
  add(tokenize(doc.title), 2);
  add(tokenize(doc.abstract), 1);
  return counts;
}

/**
 * The words behind each feature of a text (the first unigram or bigram that hashed to it), so that a model's
 * strongest features on a paper can be named: hashing keeps no vocabulary, but the paper's own text is at hand.
 */
export function featureTerms(doc: FeatureText): Map<number, string> {
  const names = new Map<number, string>();
  for (const text of [doc.title, doc.abstract]) {
    const tokens = tokenize(text);
    // A bigram spans dropped stop words ("codes and qubits" → "codes qubits"): named only where it reads as written.
    const plain = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
    for (let i = 0; i < tokens.length; i++) {
      const uni = hash(tokens[i]!);
      if (!names.has(uni)) names.set(uni, tokens[i]!);
      if (i + 1 < tokens.length) {
        const bigram = `${tokens[i]} ${tokens[i + 1]}`;
        const bi = hash(bigram);
        if (!names.has(bi) && plain.includes(bigram)) names.set(bi, bigram);
      }
    }
  }
  return names;
}

export function buildFeatureSpace(corpus: Iterable<FeatureText>): FeatureSpace {
  const df = new Uint32Array(FEATURE_DIM);
  let docs = 0;
  for (const doc of corpus) {
    docs++;
    for (const f of termCounts(doc).keys()) df[f]!++;
  }
  return { docs, df };
}

/** TF-IDF vector (sublinear TF, smoothed IDF), L2-normalised, indices ascending. */
export function vectorize(space: FeatureSpace, doc: FeatureText): SparseVector {
  const counts = termCounts(doc);
  const idx = Uint32Array.from(counts.keys()).sort();
  const val = new Float32Array(idx.length);
  let norm = 0;
  for (let i = 0; i < idx.length; i++) {
    const f = idx[i]!;
    const w = (1 + Math.log(counts.get(f)!)) * (Math.log((space.docs + 1) / (space.df[f]! + 1)) + 1);
    val[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < val.length; i++) val[i]! /= norm;
  return { idx, val };
}
