// Changing what a subscriber receives. Callers have already established who is asking (a signed link or the
// signed-in account) and validated the form at the edge (digest.schemas.ts); these apply the rules and write.
import type { Store } from '../store/store.js';
import type { DigestPreferences, SavedSearch, Subscription } from './digest.models.js';
import type { SavedSearchInput } from './digest.schemas.js';

export async function savePreferences(opts: {
  store: Store;
  subscription: Subscription;
  preferences: DigestPreferences;
  now?: Date;
}) {
  // "For you" needs an account's upvotes and clicks; an address-only subscription keeps whatever it had.
  const preferences =
    opts.subscription.userId === null ? { ...opts.preferences, forYou: opts.subscription.forYou } : opts.preferences;
  await opts.store.subscriptions.updatePreferences(
    opts.subscription.id,
    preferences,
    (opts.now ?? new Date()).toISOString(),
  );
}

/** Adds a saved search; false when the subscriber already had it. */
export async function addSavedSearch(opts: {
  store: Store;
  subscription: Subscription;
  search: SavedSearchInput;
  now?: Date;
}) {
  const id = await opts.store.savedSearches.add({
    subscriptionId: opts.subscription.id,
    ...opts.search,
    now: (opts.now ?? new Date()).toISOString(),
  });
  return id !== null;
}

/** Removes one of the subscriber's saved searches; false when `id` (null: not an id) is not theirs or already gone. */
export async function removeSavedSearch(opts: {
  store: Store;
  subscription: Subscription;
  id: number | null;
}): Promise<boolean> {
  return opts.id === null ? false : opts.store.savedSearches.remove(opts.id, opts.subscription.id);
}

export function savedSearchesOf(opts: {
  store: Store;
  subscription: Pick<Subscription, 'id'>;
}): Promise<SavedSearch[]> {
  return opts.store.savedSearches.listBySubscription(opts.subscription.id);
}
