// The site's "For you" tab: the recent listings ranked for one signed-in reader by the same recommender the
// digests use. A model that has not seen the reader's newest upvotes is retrained on the spot (a few ms), so the
// tab reacts to what they just did; the corpus statistics are computed once a day per process.
import { addDays, todayUtc } from '../core/dates.js';
import type { ListedPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import { hasTaste, MIN_POSITIVES, recommend } from './recommend/recommender.js';
import { loadRecCorpus, modelOf, type RecCorpus, toCandidate, trainUser } from './recommend/train.usecases.js';

const corpora = new WeakMap<Store, { day: string; corpus: Promise<RecCorpus> }>();

function corpusFor(store: Store, today: string): Promise<RecCorpus> {
  const cached = corpora.get(store);
  if (cached?.day === today) return cached.corpus;
  const corpus = loadRecCorpus({ store, today });
  corpora.set(store, { day: today, corpus });
  corpus.catch(() => corpora.delete(store));
  return corpus;
}

export interface ForYouResult {
  items: ListedPaper[];
  /** Why the list looks the way it does, for the page's explanation. */
  basis: 'model' | 'preferences' | 'nothing-yet';
}

export async function forYou(opts: {
  store: Store;
  userId: number;
  days?: number;
  limit?: number;
  now?: Date;
}): Promise<ForYouResult> {
  const { store, userId } = opts;
  const now = opts.now ?? new Date();
  const today = todayUtc(now);
  const corpus = await corpusFor(store, today);
  let stored = (await store.recommendations.getModels([userId])).get(userId) ?? null;
  const latest = (await store.recommendations.interactionsOf(userId, 1))[0];
  if (latest && (!stored || new Date(stored.trainedThrough).toISOString() < new Date(latest.at).toISOString())) {
    stored = await trainUser({ store, userId, corpus, now, previous: stored });
  }
  const subscription = await store.subscriptions.findByUserId(userId);
  const taste = {
    model: modelOf(stored),
    positives: stored?.positives ?? 0,
    categories: subscription?.includeCategories ?? [],
    followAuthors: subscription?.followAuthors ?? [],
  };
  if (!hasTaste(taste)) return { items: [], basis: 'nothing-yet' };
  const { items } = await store.listings.listRange({
    from: addDays(today, -((opts.days ?? 7) - 1)),
    to: today,
    sort: 'upvotes',
    limit: 500,
    offset: 0,
  });
  const upvoted = await store.votes.upvotedAmong(
    userId,
    items.map((i) => i.paper.id),
  );
  const candidates = items.map((i) => toCandidate(corpus.space, i.paper, i.listing.upvotes));
  const ids = recommend({ taste, candidates, exclude: upvoted, limit: opts.limit ?? 30 });
  const byId = new Map(items.map((i) => [i.paper.id, i]));
  return {
    items: ids.map((id) => byId.get(id)!),
    basis: taste.model && taste.positives >= MIN_POSITIVES ? 'model' : 'preferences',
  };
}
