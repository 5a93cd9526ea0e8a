// The site's "For you" tab: the recent listings ranked for one signed-in reader by the same recommender the
// digests use. A model that has not seen the reader's newest upvotes or "not interested" marks is retrained on
// the spot (a few ms), so the tab reacts to what they just did; the corpus statistics are computed once a day per
// process. Papers the reader liked or marked "not interested" are never in the list; each one says why it is.
import { addDays, todayUtc } from '../core/dates.js';
import type { ListedPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import { corpusFor } from './recommend/corpus-cache.js';
import { loadExplainer, type PaperExplanation } from './recommend/explain.usecases.js';
import { hasTaste, MIN_POSITIVES, recommend } from './recommend/recommender.js';
import { latestActivity, modelOf, toCandidate, trainUser } from './recommend/train.usecases.js';

export interface ForYouItem extends ListedPaper {
  why: PaperExplanation;
}

export interface ForYouResult {
  items: ForYouItem[];
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
  const latest = await latestActivity(store, userId);
  if (latest && (!stored || new Date(stored.trainedThrough).toISOString() < latest)) {
    stored = (await trainUser({ store, userId, corpus, now, previous: stored })) ?? stored;
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
  const shown = items.map((i) => i.paper.id);
  const [upvoted, marked, interactions] = await Promise.all([
    store.votes.upvotedAmong(userId, shown),
    store.paperFeedback.amongForUsers([userId], shown, 'not_interested'),
    store.recommendations.interactionsOf(userId, 1000),
  ]);
  // Upvoted or saved papers are not news to the reader; "not interested" ones never come back.
  const exclude = new Set([...upvoted, ...(marked.get(userId) ?? []), ...interactions.map((i) => i.paperId)]);
  const candidates = items.map((i) => toCandidate(corpus.space, i.paper, i.listing.upvotes));
  const ids = recommend({ taste, candidates, exclude, limit: opts.limit ?? 30 });
  const byId = new Map(items.map((i) => [i.paper.id, i]));
  const explain = await loadExplainer({ store, userId, corpus, model: stored });
  const useModel = taste.model !== null && taste.positives >= MIN_POSITIVES;
  return {
    items: ids.map((id) => {
      const item = byId.get(id)!;
      // Without a trusted model, categories and authors ranked the list: the model does not explain it either.
      return { ...item, why: useModel ? explain(item.paper) : { because: null, terms: [] } };
    }),
    basis: useModel ? 'model' : 'preferences',
  };
}
