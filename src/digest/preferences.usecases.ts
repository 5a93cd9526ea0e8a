// Changing what a subscriber receives. Callers have already established who is asking (a signed link or the
// signed-in account); these validate the form and write.
import type { Store } from '../store/store.js';
import type { SavedSearch, Subscription } from './digest.models.js';
import { parsePreferences, parseSavedSearch } from './digest.schemas.js';

export async function savePreferences(opts: { store: Store; subscription: Subscription; input: unknown; now?: Date }) {
  const preferences = parsePreferences(opts.input);
  // "For you" needs an account's upvotes and clicks; an address-only subscription keeps whatever it had.
  if (opts.subscription.userId === null) preferences.forYou = opts.subscription.forYou;
  await opts.store.subscriptions.updatePreferences(
    opts.subscription.id,
    preferences,
    (opts.now ?? new Date()).toISOString(),
  );
}

/** Adds a saved search; false when the subscriber already had it. */
export async function addSavedSearch(opts: { store: Store; subscription: Subscription; input: unknown; now?: Date }) {
  const search = parseSavedSearch(opts.input);
  const id = await opts.store.savedSearches.add({
    subscriptionId: opts.subscription.id,
    ...search,
    now: (opts.now ?? new Date()).toISOString(),
  });
  return id !== null;
}

export async function removeSavedSearch(opts: {
  store: Store;
  subscription: Subscription;
  id: unknown;
}): Promise<boolean> {
  const id = Number(opts.id);
  return Number.isSafeInteger(id) && id > 0 ? opts.store.savedSearches.remove(id, opts.subscription.id) : false;
}

export function savedSearchesOf(opts: {
  store: Store;
  subscription: Pick<Subscription, 'id'>;
}): Promise<SavedSearch[]> {
  return opts.store.savedSearches.listBySubscription(opts.subscription.id);
}
