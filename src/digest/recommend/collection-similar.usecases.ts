// "More like this collection": the collection's papers train a linear model exactly as a reader's liked papers do
// (hashed TF-IDF, logistic SGD, against papers sampled from recent listings), which then ranks recently listed
// papers not already in it. Only papers that really share content with one of the collection's papers are kept
// (TF-IDF cosine to the nearest at least MIN_SIMILARITY): the model's score ranks, but on a small site its sampled
// negatives are the candidates themselves, so its sign cannot say what is alike. Nothing is stored: a collection's
// model takes milliseconds to fit.
import { addDays, todayUtc } from '../../core/dates.js';
import type { ListedPaper, StoredPaper } from '../../papers/papers.models.js';
import type { Store } from '../../store/store.js';
import { corpusFor } from './corpus-cache.js';
import { cosine } from './explain.js';
import { type SparseVector, vectorize } from './features.js';
import { type Example, scoreAll, trainLogistic } from './linear-model.js';
import { sampleNegatives } from './train.usecases.js';

/**
 * TF-IDF cosine to the nearest collection paper below which a paper is not "like" it. Measured on CSFCube (query
 * paper against the papers experts judged relevant, grades 2–3, vs random pairs of its 4,205 abstracts): 65% of
 * relevant pairs reach 0.05 and 20% reach 0.1, against 0.6% and 0.1% of random pairs.
 */
export const MIN_SIMILARITY = 0.05;

/** The collection's newest papers a model is fitted on. */
const MAX_TRAINING_PAPERS = 500;

export interface SimilarPaper extends ListedPaper {
  score: number;
}

export async function similarToCollection(opts: {
  store: Store;
  collectionId: number;
  papers: readonly StoredPaper[];
  /** Listings of the last `days` days are the candidates. */
  days: number;
  limit: number;
  /** A signed-in viewer's "not interested" papers are left out for them. */
  viewerId?: number | null;
  now?: Date;
}): Promise<SimilarPaper[]> {
  const { store } = opts;
  if (opts.papers.length === 0 || opts.limit <= 0) return [];
  const today = todayUtc(opts.now ?? new Date());
  const corpus = await corpusFor(store, today);
  const inCollection = new Set(opts.papers.map((p) => p.id));
  const examples: Example[] = opts.papers
    .slice(0, MAX_TRAINING_PAPERS)
    .map((p) => ({ x: vectorize(corpus.space, p), y: 1 }));
  const negatives = Math.min(400, Math.max(20, 4 * examples.length));
  for (const n of sampleNegatives(corpus.pool, inCollection, negatives, opts.collectionId * 7919 + 17))
    examples.push({ x: n.vector, y: 0 });
  const model = trainLogistic({ examples, seed: opts.collectionId });
  const { items } = await store.listings.listRange({
    from: addDays(today, -(opts.days - 1)),
    to: today,
    sort: 'newest',
    limit: 1000,
    offset: 0,
  });
  let pool = items.filter((i) => !inCollection.has(i.paper.id) && !i.paper.withdrawn);
  if (opts.viewerId) {
    const marked = await store.paperFeedback.amongForUsers(
      [opts.viewerId],
      pool.map((i) => i.paper.id),
      'not_interested',
    );
    const hidden = marked.get(opts.viewerId) ?? new Set<number>();
    pool = pool.filter((i) => !hidden.has(i.paper.id));
  }
  const vectors = pool.map((i) => vectorize(corpus.space, i.paper));
  const scores = scoreAll(model, vectors);
  const own = examples.filter((e) => e.y === 1).map((e) => e.x);
  const alike = (v: SparseVector) => own.some((x) => cosine(v, x) >= MIN_SIMILARITY);
  return pool
    .map((item, i) => ({ ...item, score: scores[i]!, alike: alike(vectors[i]!) }))
    .filter((s) => s.alike)
    .map(({ alike: _, ...s }) => s)
    .sort((a, b) => b.score - a.score || a.paper.id - b.paper.id)
    .slice(0, opts.limit);
}
