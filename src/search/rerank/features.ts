// Features of one (query, candidate) pair for the learned reranker, computed from token streams only, so
// the function is pure and can be checked by hand (features.test.ts). Tokens are the index's own: stems as
// FTS5's porter tokenizer makes them, stop words removed (as the planner removes them from queries), so a
// position is "the n-th content word" and a window of 3 means three content words.
//
// Why these features (LETOR / Metzler & Croft's sequential dependence model, the road Elasticsearch +
// LambdaMART engines take): BM25 sums independent term scores, so it cannot see whether the matched terms
// sit together (proximity, bigrams, phrase), whether the rare terms are in the title (per-field scores and
// coverage), or how the candidate relates to the other top candidates (pseudo-relevance feedback).

/** A distinct content term of the query with its inverse document frequency (FTS5's formula). */
export interface QueryTerm {
  stem: string;
  idf: number;
}

export interface QueryTokens {
  /** Distinct terms. */
  terms: readonly QueryTerm[];
  /** The query's content stems in typed order (repeats kept), for bigrams and the phrase feature. */
  sequence: readonly string[];
}

export interface CandidateTokens {
  paperId: number;
  /** First-stage (BM25) score, higher is better. */
  score: number;
  title: readonly string[];
  abstract: readonly string[];
}

export const FEATURE_NAMES = [
  'bm25',
  'bm25Ratio',
  'logRank',
  'titleBm25',
  'abstractBm25',
  'coverage',
  'coverageIdf',
  'titleCoverage',
  'titleCoverageIdf',
  'abstractCoverageIdf',
  'minWindow',
  'orderedBigrams',
  'unorderedBigrams',
  'exactPhrase',
  'titleHasAll',
  'logLength',
  'prf',
  'prfRatio',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Window in which an unordered bigram counts (SDM's unordered window of 8). */
export const UNORDERED_WINDOW = 8;
const K1 = 1.2;
const B = 0.75;

/** FTS5's BM25 IDF, floored so that very common terms still count a little. */
export function idfOf(df: number, n: number): number {
  return Math.max(Math.log((n - df + 0.5) / (df + 0.5)), 1e-6);
}

/** Feature rows, one per candidate, in FEATURE_NAMES order; candidates are in first-stage rank order. */
export function extractFeatures({
  query,
  candidates,
  prfScores,
}: {
  query: QueryTokens;
  candidates: readonly CandidateTokens[];
  /** Pseudo-relevance-feedback score of each candidate (prf.ts), same order; zeros when unavailable. */
  prfScores?: readonly number[];
}): number[][] {
  const avgTitle = average(candidates.map((c) => c.title.length));
  const avgAbstract = average(candidates.map((c) => c.abstract.length));
  const maxScore = Math.max(...candidates.map((c) => c.score), 1e-9);
  const maxPrf = Math.max(...(prfScores ?? [0]), 1e-9);
  const totalIdf = query.terms.reduce((s, t) => s + t.idf, 0) || 1;
  const bigrams = bigramsOf(query.sequence);
  return candidates.map((c, rank) => {
    const titleTf = countOf(c.title);
    const abstractTf = countOf(c.abstract);
    const inTitle = query.terms.filter((t) => titleTf.has(t.stem));
    const inAbstract = query.terms.filter((t) => abstractTf.has(t.stem));
    const inDoc = query.terms.filter((t) => titleTf.has(t.stem) || abstractTf.has(t.stem));
    const sumIdf = (ts: readonly QueryTerm[]) => ts.reduce((s, t) => s + t.idf, 0);
    const both = [...c.title, '\u0000', ...c.abstract];
    const prf = prfScores?.[rank] ?? 0;
    return [
      c.score,
      c.score / maxScore,
      Math.log(1 + rank),
      bm25(query.terms, titleTf, c.title.length, avgTitle),
      bm25(query.terms, abstractTf, c.abstract.length, avgAbstract),
      ratio(inDoc.length, query.terms.length),
      sumIdf(inDoc) / totalIdf,
      ratio(inTitle.length, query.terms.length),
      sumIdf(inTitle) / totalIdf,
      sumIdf(inAbstract) / totalIdf,
      Math.max(windowScore(query.terms, c.title), windowScore(query.terms, c.abstract)),
      ratio(countBigrams(bigrams, both, 'ordered'), bigrams.length),
      ratio(countBigrams(bigrams, both, 'unordered'), bigrams.length),
      query.sequence.length >= 2 && (containsRun(c.title, query.sequence) || containsRun(c.abstract, query.sequence))
        ? 1
        : 0,
      query.terms.length > 0 && inTitle.length === query.terms.length ? 1 : 0,
      Math.log(1 + c.title.length + c.abstract.length),
      prf,
      prf / maxPrf,
    ];
  });
}

function average(xs: readonly number[]): number {
  return Math.max(xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1), 1);
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

export function countOf(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** BM25 of one field (k1 1.2, b 0.75 as FTS5), length-normalised against the candidates' average. */
export function bm25(terms: readonly QueryTerm[], tf: Map<string, number>, length: number, avgLength: number): number {
  const norm = K1 * (1 - B + (B * length) / avgLength);
  let score = 0;
  for (const t of terms) {
    const f = tf.get(t.stem);
    if (f) score += t.idf * ((f * (K1 + 1)) / (f + norm));
  }
  return score;
}

/**
 * Proximity: m / w, where w is the length of the smallest window of `tokens` holding every distinct query
 * term the field contains and m the number of those terms (1 when they are adjacent, smaller when spread
 * out); 0 when the field holds fewer than two of them (no proximity to speak of).
 */
export function windowScore(terms: readonly QueryTerm[], tokens: readonly string[]): number {
  const wanted = new Set(terms.map((t) => t.stem));
  const present = new Set(tokens.filter((t) => wanted.has(t)));
  const m = present.size;
  if (m < 2) return 0;
  const w = smallestWindow(tokens, present);
  return m / w;
}

/** Length of the shortest run of `tokens` containing every term of `needed` (sliding window, O(n)). */
export function smallestWindow(tokens: readonly string[], needed: ReadonlySet<string>): number {
  const inWindow = new Map<string, number>();
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < tokens.length; right++) {
    const t = tokens[right]!;
    if (!needed.has(t)) continue;
    const c = (inWindow.get(t) ?? 0) + 1;
    inWindow.set(t, c);
    if (c === 1) have++;
    while (have === needed.size) {
      const l = tokens[left]!;
      if (needed.has(l)) {
        best = Math.min(best, right - left + 1);
        const lc = inWindow.get(l)! - 1;
        inWindow.set(l, lc);
        if (lc === 0) have--;
      }
      left++;
    }
  }
  return best;
}

/** Consecutive distinct pairs of the query's content words. */
export function bigramsOf(sequence: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < sequence.length; i++) {
    const a = sequence[i]!;
    const b = sequence[i + 1]!;
    if (a === b || seen.has(`${a} ${b}`)) continue;
    seen.add(`${a} ${b}`);
    out.push([a, b]);
  }
  return out;
}

/**
 * How many query bigrams occur in `tokens`: "ordered" = b right after a; "unordered" = a and b, either
 * order, within UNORDERED_WINDOW tokens of each other. `\u0000` separates fields, nothing spans it.
 */
export function countBigrams(
  bigrams: readonly [string, string][],
  tokens: readonly string[],
  kind: 'ordered' | 'unordered',
): number {
  if (bigrams.length === 0) return 0;
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const p = positions.get(t);
    if (p) p.push(i);
    else positions.set(t, [i]);
  });
  const fieldOf = fieldIndex(tokens);
  let found = 0;
  for (const [a, b] of bigrams) {
    const pa = positions.get(a);
    const pb = positions.get(b);
    if (!pa || !pb) continue;
    const hit = pa.some((i) =>
      pb.some((j) =>
        kind === 'ordered' ? j === i + 1 : i !== j && Math.abs(j - i) < UNORDERED_WINDOW && fieldOf[i] === fieldOf[j],
      ),
    );
    if (hit) found++;
  }
  return found;
}

function fieldIndex(tokens: readonly string[]): number[] {
  let field = 0;
  return tokens.map((t) => (t === '\u0000' ? ++field : field));
}

/** Whether `run` occurs as consecutive tokens of `tokens`. */
export function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0 || run.length > tokens.length) return false;
  outer: for (let i = 0; i + run.length <= tokens.length; i++) {
    for (let j = 0; j < run.length; j++) if (tokens[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
