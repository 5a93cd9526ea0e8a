// The digest of a signed-in account (/settings/digest and the search page's "alert me"): the routes pass the
// viewer's id, these look the account up and act on its subscription, so no route reads or writes the store.

import type { User } from '../community/accounts.models.js';
import type { Store } from '../store/store.js';
import { savedSearchNotFound } from './digest.errors.js';
import type { SavedSearch, Subscription } from './digest.models.js';
import { removeSavedSearch } from './preferences.usecases.js';
import { accountSubscription, type SubscriptionDeps, subscribeAccount } from './subscriptions.usecases.js';

async function accountOf(store: Store, userId: number): Promise<User> {
  // The viewer's own account: a session names only accounts that exist.
  return (await store.users.findById(userId))!;
}

/** What the settings page shows: the account's address, its subscription (if any) and that subscription's searches. */
export async function accountDigest(opts: { store: Store; userId: number }): Promise<{
  email: string | null;
  subscription: Subscription | null;
  savedSearches: SavedSearch[];
}> {
  const user = await accountOf(opts.store, opts.userId);
  const subscription = await accountSubscription({ store: opts.store, user });
  const savedSearches = subscription ? await opts.store.savedSearches.listBySubscription(subscription.id) : [];
  return { email: user.email, subscription, savedSearches };
}

/** Subscribes the account (confirmed at once for a verified address, else by the double opt-in mail). */
export async function subscribeAccountById(opts: { deps: SubscriptionDeps; userId: number }): Promise<Subscription> {
  return subscribeAccount({ deps: opts.deps, user: await accountOf(opts.deps.store, opts.userId) });
}

/** The account's subscription, created (and confirmed, for a verified address) when it has none yet. */
export async function ensureAccountSubscription(opts: {
  deps: SubscriptionDeps;
  userId: number;
}): Promise<Subscription> {
  const { deps } = opts;
  const user = await accountOf(deps.store, opts.userId);
  return (await accountSubscription({ store: deps.store, user })) ?? subscribeAccount({ deps, user });
}

/** Removes one of the account's saved searches; another reader's, or one already gone, is `digest.saved_search_not_found`. */
export async function removeAccountSavedSearch(opts: {
  store: Store;
  userId: number;
  id: number | null;
}): Promise<void> {
  const user = await accountOf(opts.store, opts.userId);
  const subscription = await accountSubscription({ store: opts.store, user });
  const removed = subscription ? await removeSavedSearch({ store: opts.store, subscription, id: opts.id }) : false;
  // Nothing was deleted, and the answer must not say otherwise.
  if (!removed) throw savedSearchNotFound();
}

/** Leaves the digest from the settings page; without a subscription there is nothing to do. */
export async function unsubscribeAccount(opts: { store: Store; userId: number; now?: Date }): Promise<void> {
  const user = await accountOf(opts.store, opts.userId);
  const subscription = await accountSubscription({ store: opts.store, user });
  if (subscription) await opts.store.subscriptions.unsubscribe(subscription.id, (opts.now ?? new Date()).toISOString());
}
