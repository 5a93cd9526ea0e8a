import { addDays } from '../../core/dates.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import type { Store } from '../../store/store.js';
import type { StoredRecModel } from '../digest.models.js';
import { buildFeatureSpace, type FeatureSpace, vectorize } from './features.js';
import { decodeWeights, type Example, encodeWeights, type LinearModel, trainLogistic } from './linear-model.js';
import type { Candidate } from './recommender.js';

/** Recent listed papers: the IDF statistics, the pool negatives are sampled from, and the "For you" candidates. */
export interface RecCorpus {
  space: FeatureSpace;
  pool: Candidate[];
}

export function toCandidate(space: FeatureSpace, paper: StoredPaper, upvotes: number): Candidate {
  return {
    paperId: paper.id,
    vector: vectorize(space, paper),
    categories: paper.categories,
    authors: paper.authors.map((a) => a.name),
    upvotes,
  };
}

export async function loadRecCorpus(opts: {
  store: Store;
  today: string;
  days?: number;
  limit?: number;
}): Promise<RecCorpus> {
  const { items } = await opts.store.listings.listRange({
    from: addDays(opts.today, -(opts.days ?? 60)),
    to: opts.today,
    sort: 'newest',
    limit: opts.limit ?? 5000,
    offset: 0,
  });
  const space = buildFeatureSpace(items.map((i) => i.paper));
  return { space, pool: items.map((i) => toCandidate(space, i.paper, i.listing.upvotes)) };
}

export function modelOf(stored: StoredRecModel | null | undefined): LinearModel | null {
  return stored ? { weights: decodeWeights(stored.weights), bias: stored.bias } : null;
}

export function sampleNegatives(pool: Candidate[], exclude: Set<number>, count: number, seed: number): Candidate[] {
  const eligible = pool.filter((c) => !exclude.has(c.paperId));
  if (eligible.length <= count) return eligible;
  // A seeded partial Fisher–Yates shuffle: the same user trained on the same day samples the same negatives.
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (eligible.length - i));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  return eligible.slice(0, count);
}

/** Explicit negatives a model trains on: papers the reader marked "not interested" (newest first). */
const MAX_EXPLICIT_NEGATIVES = 500;

/** The newest thing a reader did that their model learns from: an interaction or a "not interested". */
export async function latestActivity(store: Store, userId: number): Promise<string | null> {
  const [interaction] = await store.recommendations.interactionsOf(userId, 1);
  const [feedback] = await store.paperFeedback.listOf(userId, 'not_interested', 1);
  const times = [interaction?.at, feedback?.createdAt].filter((t): t is string => Boolean(t));
  return times.length === 0
    ? null
    : times
        .map((t) => new Date(t).toISOString())
        .sort()
        .at(-1)!;
}

/**
 * (Re)trains one user's model on their upvotes, collection items and digest clicks, warm-starting from the previous
 * model. Negatives are the papers they marked "not interested"; only a reader who marked none gets papers sampled
 * from recent listings instead (papers they did not interact with, which are mostly unseen rather than unwanted).
 * Returns null when the user has no positive interactions.
 */
export async function trainUser(opts: {
  store: Store;
  userId: number;
  corpus: RecCorpus;
  now: Date;
  previous?: StoredRecModel | null;
}): Promise<StoredRecModel | null> {
  const interactions = await opts.store.recommendations.interactionsOf(opts.userId, 500);
  if (interactions.length === 0) return null;
  const liked = new Set(interactions.map((i) => i.paperId));
  const feedback = await opts.store.paperFeedback.listOf(opts.userId, 'not_interested', MAX_EXPLICIT_NEGATIVES);
  const marked = new Set(feedback.map((f) => f.paperId));
  // A paper both liked and marked "not interested" teaches nothing either way: it is left out of both.
  const positives = [...liked].filter((id) => !marked.has(id));
  const negatives = new Set([...marked].filter((id) => !liked.has(id)));
  const papers = await opts.store.papers.findByIds([...positives, ...negatives]);
  const examples: Example[] = papers.map((p) => ({
    x: vectorize(opts.corpus.space, p),
    y: negatives.has(p.id) ? 0 : 1,
  }));
  // Sampled negatives only for a reader without explicit ones (or whose marked papers are gone).
  if (!examples.some((e) => e.y === 0)) {
    const count = Math.min(400, Math.max(20, 4 * examples.length));
    for (const n of sampleNegatives(opts.corpus.pool, liked, count, opts.userId * 7919 + opts.now.getUTCDate())) {
      examples.push({ x: n.vector, y: 0 });
    }
  }
  const init = modelOf(opts.previous);
  const model = trainLogistic({ examples, init, epochs: init ? 4 : 8, seed: opts.userId });
  const latest = [interactions[0]!.at, feedback[0]?.createdAt]
    .filter((t): t is string => Boolean(t))
    .map((t) => new Date(t).toISOString())
    .sort()
    .at(-1)!;
  const stored: StoredRecModel = {
    userId: opts.userId,
    weights: encodeWeights(model.weights),
    bias: model.bias,
    positives: positives.length,
    trainedThrough: latest,
    trainedAt: opts.now.toISOString(),
  };
  await opts.store.recommendations.saveModel(stored);
  return stored;
}

/** Retrains only active users (an interaction or feedback within `activeDays`) whose newest interaction the model has not seen. */
export async function trainActiveUsers(opts: {
  store: Store;
  /** Loaded only when some user needs training. */
  corpus: () => Promise<RecCorpus>;
  now: Date;
  activeDays: number;
  signal?: AbortSignal;
}): Promise<{ trained: number; upToDate: number }> {
  const since = new Date(opts.now.getTime() - opts.activeDays * 86_400_000).toISOString();
  const active = await opts.store.recommendations.activeUsersSince(since);
  // A "not interested" is activity too: the model must learn it even from a reader who liked nothing new.
  for (const [userId, at] of await opts.store.paperFeedback.latestSince(since))
    if (!active.has(userId) || active.get(userId)! < at) active.set(userId, at);
  const models = await opts.store.recommendations.getModels([...active.keys()]);
  let trained = 0;
  let upToDate = 0;
  for (const [userId, latest] of active) {
    if (opts.signal?.aborted) break;
    const previous = models.get(userId);
    if (previous && new Date(previous.trainedThrough).toISOString() >= latest) {
      upToDate++;
      continue;
    }
    const corpus = await opts.corpus();
    if (await trainUser({ store: opts.store, userId, corpus, now: opts.now, previous })) trained++;
  }
  return { trained, upToDate };
}
