// Term association from the indexed corpus' own co-occurrence, for the vocabulary mismatch BM25 cannot see
// (a claim says "mortality", the abstract "death"): positive pointwise mutual information of terms seen
// within a few words of each other, reduced by a truncated SVD into dense term vectors (Levy & Goldberg
// 2014; Bullinaria & Levy 2007). Nothing is downloaded and no judgment is read: the input is the index's
// own token streams (stems, in order). The SVD is a small randomized one (Halko, Martinsson & Tropp 2011)
// on the symmetric PPMI matrix, with a Jacobi eigen-solver for the small projected matrix — a few dozen
// lines, deterministic for a seed, so no linear-algebra package is needed.
import { seededRandom } from '../../core/random.js';

export interface AssociationSettings {
  /** Terms kept: the most frequent of those with minDf ≤ df ≤ maxDfShare · documents. */
  maxTerms: number;
  minDf: number;
  /** Very common terms (stop words that survive stemming, "use", "result") carry no association. */
  maxDfShare: number;
  /** Two tokens co-occur when at most `window` positions apart. */
  window: number;
  dims: number;
  /** Power iterations of the randomized SVD. */
  iterations: number;
  seed: number;
}

export const DEFAULT_ASSOCIATION: AssociationSettings = {
  maxTerms: 20_000,
  minDf: 3,
  maxDfShare: 0.1,
  window: 5,
  dims: 100,
  iterations: 3,
  seed: 18,
};

export interface TermVectors {
  dims: number;
  /** term → row of `vectors` (unit length). */
  index: Map<string, number>;
  vectors: Float32Array;
}

/** Dense unit vectors of the corpus' terms from PPMI over a co-occurrence window, reduced by SVD. */
export function buildTermVectors(
  docs: readonly (readonly string[])[],
  settings: AssociationSettings = DEFAULT_ASSOCIATION,
): TermVectors {
  const vocab = chooseVocabulary(docs, settings);
  const ppmi = ppmiMatrix(docs, vocab, settings.window);
  const { vectors, dims } = embedSymmetric(ppmi, vocab.size, settings);
  return { dims, index: vocab, vectors };
}

export function chooseVocabulary(
  docs: readonly (readonly string[])[],
  { maxTerms, minDf, maxDfShare }: Pick<AssociationSettings, 'maxTerms' | 'minDf' | 'maxDfShare'>,
): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) if (t) df.set(t, (df.get(t) ?? 0) + 1);
  const maxDf = Math.max(minDf, Math.floor(maxDfShare * docs.length));
  const kept = [...df]
    .filter(([, n]) => n >= minDf && n <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms)
    .map(([t]) => t)
    .sort();
  return new Map(kept.map((t, i) => [t, i]));
}

/** A symmetric sparse matrix in compressed rows. */
export interface SparseMatrix {
  size: number;
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/**
 * PPMI(a, b) = max(0, log(p(a, b) / (p(a) p(b)))) over pairs of kept terms at most `window` positions
 * apart in a document (each pair counted in both directions; terms outside the vocabulary keep their
 * positions). Context counts are smoothed with exponent 0.75, as word2vec's and Levy & Goldberg's are,
 * so rare contexts do not dominate.
 */
export function ppmiMatrix(
  docs: readonly (readonly string[])[],
  vocab: ReadonlyMap<string, number>,
  window: number,
): SparseMatrix {
  const n = vocab.size;
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const d of docs) {
    const ids = d.map((t) => vocab.get(t) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!;
      if (a < 0) continue;
      for (let j = i + 1; j <= i + window && j < ids.length; j++) {
        const b = ids[j]!;
        if (b < 0 || b === a) continue;
        rows[a]!.set(b, (rows[a]!.get(b) ?? 0) + 1);
        rows[b]!.set(a, (rows[b]!.get(a) ?? 0) + 1);
      }
    }
  }
  const rowSum = rows.map((r) => [...r.values()].reduce((s, v) => s + v, 0));
  const total = rowSum.reduce((s, v) => s + v, 0) || 1;
  const ctx = rowSum.map((s) => s ** 0.75);
  const ctxTotal = ctx.reduce((s, v) => s + v, 0) || 1;
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const values: number[] = [];
  rows.forEach((r, a) => {
    for (const b of [...r.keys()].sort((x, y) => x - y)) {
      const pmi = Math.log(r.get(b)! / total / (rowSum[a]! / total) / (ctx[b]! / ctxTotal));
      if (pmi > 0) {
        cols.push(b);
        values.push(pmi);
      }
    }
    rowStart[a + 1] = cols.length;
  });
  // Smoothing the contexts makes the matrix slightly asymmetric; its symmetric part is what is embedded.
  return symmetrise({ size: n, rowStart, cols: Int32Array.from(cols), values: Float64Array.from(values) });
}

function symmetrise(m: SparseMatrix): SparseMatrix {
  const rows: Map<number, number>[] = Array.from({ length: m.size }, () => new Map());
  for (let a = 0; a < m.size; a++)
    for (let k = m.rowStart[a]!; k < m.rowStart[a + 1]!; k++) {
      const b = m.cols[k]!;
      const v = m.values[k]! / 2;
      rows[a]!.set(b, (rows[a]!.get(b) ?? 0) + v);
      rows[b]!.set(a, (rows[b]!.get(a) ?? 0) + v);
    }
  const rowStart = new Int32Array(m.size + 1);
  const cols: number[] = [];
  const values: number[] = [];
  rows.forEach((r, a) => {
    for (const b of [...r.keys()].sort((x, y) => x - y)) {
      cols.push(b);
      values.push(r.get(b)!);
    }
    rowStart[a + 1] = cols.length;
  });
  return { size: m.size, rowStart, cols: Int32Array.from(cols), values: Float64Array.from(values) };
}

/** y = M x for column-major blocks of `width` columns of length M.size. */
function multiply(m: SparseMatrix, x: Float64Array, width: number): Float64Array {
  const n = m.size;
  const y = new Float64Array(n * width);
  for (let c = 0; c < width; c++) {
    const xo = c * n;
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let k = m.rowStart[a]!; k < m.rowStart[a + 1]!; k++) s += m.values[k]! * x[xo + m.cols[k]!]!;
      y[xo + a] = s;
    }
  }
  return y;
}

/** Modified Gram–Schmidt on the columns, in place (a column that collapses becomes zero). */
function orthonormalise(x: Float64Array, n: number, width: number): void {
  for (let c = 0; c < width; c++) {
    const co = c * n;
    for (let p = 0; p < c; p++) {
      const po = p * n;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += x[co + i]! * x[po + i]!;
      for (let i = 0; i < n; i++) x[co + i]! -= dot * x[po + i]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += x[co + i]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) x[co + i] = norm > 1e-12 ? x[co + i]! / norm : 0;
  }
}

/** Eigen-decomposition of a small symmetric matrix (row-major) by cyclic Jacobi rotations. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i]!;
  return { values, vectors: v };
}

/**
 * Rank-`dims` embedding of a symmetric matrix: the eigenvectors of its largest eigenvalues, each scaled
 * by √λ (the symmetric split of U Σ Vᵀ that Levy & Goldberg found best for similarity), rows unit length.
 */
function embedSymmetric(
  m: SparseMatrix,
  n: number,
  { dims, iterations, seed }: Pick<AssociationSettings, 'dims' | 'iterations' | 'seed'>,
): { vectors: Float32Array; dims: number } {
  const k = Math.max(1, Math.min(dims, n));
  const width = Math.min(n, k + 10);
  const random = seededRandom(seed);
  let q: Float64Array<ArrayBufferLike> = new Float64Array(n * width);
  for (let i = 0; i < q.length; i++) q[i] = random() * 2 - 1;
  q = multiply(m, q, width);
  orthonormalise(q, n, width);
  for (let it = 0; it < iterations; it++) {
    q = multiply(m, q, width);
    orthonormalise(q, n, width);
  }
  const mq = multiply(m, q, width);
  const b = new Float64Array(width * width);
  for (let r = 0; r < width; r++)
    for (let c = r; c < width; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += q[r * n + i]! * mq[c * n + i]!;
      b[r * width + c] = s;
      b[c * width + r] = s;
    }
  const eig = symmetricEigen(b, width);
  const order = Array.from({ length: width }, (_, i) => i).sort((x, y) => eig.values[y]! - eig.values[x]!);
  const top = order.slice(0, k);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    top.forEach((e, d) => {
      let s = 0;
      for (let r = 0; r < width; r++) s += q[r * n + i]! * eig.vectors[r * width + e]!;
      const v = s * Math.sqrt(Math.max(eig.values[e]!, 0));
      out[i * k + d] = v;
      norm += v * v;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < k; d++) out[i * k + d]! /= norm;
  }
  return { vectors: out, dims: k };
}

export function cosine(v: TermVectors, a: string, b: string): number {
  const ia = v.index.get(a);
  const ib = v.index.get(b);
  if (ia === undefined || ib === undefined) return 0;
  let s = 0;
  for (let d = 0; d < v.dims; d++) s += v.vectors[ia * v.dims + d]! * v.vectors[ib * v.dims + d]!;
  return s;
}

/**
 * The terms most associated with a term (cosine ≥ minCosine, at most `top`), computed on first use and
 * cached: the translation table the soft-match feature reads (one pass over the vocabulary per new term).
 */
export function neighbourLookup(
  v: TermVectors,
  { top = 30, minCosine = 0.3 }: { top?: number; minCosine?: number } = {},
): (term: string) => ReadonlyMap<string, number> | undefined {
  const terms = [...v.index.keys()];
  const cache = new Map<string, Map<string, number> | undefined>();
  const sims = new Float32Array(terms.length);
  return (term) => {
    if (cache.has(term)) return cache.get(term);
    const a = v.index.get(term);
    let out: Map<string, number> | undefined;
    if (a !== undefined) {
      const ao = a * v.dims;
      const best: number[] = [];
      for (let b = 0; b < terms.length; b++) {
        const bo = b * v.dims;
        let s = 0;
        for (let d = 0; d < v.dims; d++) s += v.vectors[ao + d]! * v.vectors[bo + d]!;
        sims[b] = s;
        if (b !== a && s >= minCosine) best.push(b);
      }
      best.sort((x, y) => sims[y]! - sims[x]! || x - y);
      out = new Map(best.slice(0, top).map((b) => [terms[b]!, sims[b]!]));
    }
    cache.set(term, out);
    return out;
  };
}

export interface WeightedTerm {
  stem: string;
  idf: number;
}

/**
 * Soft matches of the query terms a candidate lacks: for each query term absent from the document, the best
 * association of a document term with it (0 when none); IDF-weighted share of the query. Terms the document
 * contains count 0 here — exact matches are BM25's part — so the feature adds only what BM25 cannot see.
 */
export function softMatch(
  terms: readonly WeightedTerm[],
  docTerms: ReadonlySet<string>,
  associated: (term: string) => ReadonlyMap<string, number> | undefined,
): number {
  let total = 0;
  let found = 0;
  for (const t of terms) {
    total += t.idf;
    if (docTerms.has(t.stem)) continue;
    const near = associated(t.stem);
    if (!near) continue;
    let best = 0;
    for (const [u, s] of near) if (s > best && docTerms.has(u)) best = s;
    found += t.idf * best;
  }
  return total > 0 ? found / total : 0;
}
