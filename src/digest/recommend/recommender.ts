// Ranking candidate papers for one reader. With a trained model (enough positives), its score ranks; followed
// authors add a boost. Without one (cold start), chosen categories and followed authors rank, with upvotes as the
// tie-break, and a paper matching neither is not recommended at all.
import type { SparseVector } from './features.js';
import { type LinearModel, scoreAll } from './linear-model.js';

/** A model needs this many positives before it is trusted over the cold-start rules. */
export const MIN_POSITIVES = 3;
const AUTHOR_BOOST = 2;
const CATEGORY_BOOST = 1;

export interface Candidate {
  paperId: number;
  vector: SparseVector;
  categories: readonly string[];
  authors: readonly string[];
  upvotes: number;
}

export interface Taste {
  model: LinearModel | null;
  positives: number;
  categories: readonly string[];
  followAuthors: readonly string[];
}

const normName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
const authorKeys = new WeakMap<Candidate, string[]>();
function normalisedAuthors(c: Candidate): string[] {
  let keys = authorKeys.get(c);
  if (!keys) {
    keys = c.authors.map(normName);
    authorKeys.set(c, keys);
  }
  return keys;
}

export function hasTaste(taste: Taste): boolean {
  return (
    (taste.model !== null && taste.positives >= MIN_POSITIVES) ||
    taste.categories.length > 0 ||
    taste.followAuthors.length > 0
  );
}

/** The ids of the best `limit` candidates for this taste, skipping `exclude`. */
export function recommend(opts: {
  taste: Taste;
  candidates: readonly Candidate[];
  exclude: ReadonlySet<number>;
  limit: number;
}): number[] {
  const { taste } = opts;
  if (!hasTaste(taste) || opts.limit <= 0) return [];
  const pool = opts.candidates.filter((c) => !opts.exclude.has(c.paperId));
  if (pool.length === 0) return [];
  const followed = new Set(taste.followAuthors.map(normName).filter(Boolean));
  // Most readers follow nobody: skip the name matching then (it is most of the cost at 100,000 subscribers).
  const authorHits = (c: Candidate) =>
    followed.size === 0 ? 0 : normalisedAuthors(c).reduce((n, a) => n + (followed.has(a) ? 1 : 0), 0);
  const useModel = taste.model !== null && taste.positives >= MIN_POSITIVES;
  const wanted = new Set(taste.categories.map((c) => c.toLowerCase()));
  const inCategory = (c: Candidate) => (c.categories.some((cat) => wanted.has(cat.toLowerCase())) ? 1 : 0);
  let scores: Float64Array;
  if (useModel) {
    scores = scoreAll(
      taste.model!,
      pool.map((c) => c.vector),
    );
    // Chosen categories and followed authors are explicit wishes: they still count once a model exists.
    for (let i = 0; i < pool.length; i++)
      scores[i]! += CATEGORY_BOOST * inCategory(pool[i]!) + AUTHOR_BOOST * authorHits(pool[i]!);
  } else {
    scores = Float64Array.from(pool, (c) => {
      const base = inCategory(c) + AUTHOR_BOOST * authorHits(c);
      // Upvotes only order papers that match something; log keeps one viral paper from dominating.
      return base > 0 ? base + Math.log1p(c.upvotes) / 100 : Number.NEGATIVE_INFINITY;
    });
  }
  return pool
    .map((c, i) => ({ id: c.paperId, score: scores[i]! }))
    .filter((s) => Number.isFinite(s.score))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, opts.limit)
    .map((s) => s.id);
}
