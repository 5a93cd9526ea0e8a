// Follow and unfollow, the reader's list of follows with names and links, and who follows which authors (for the
// job that will notify followers of new papers). Following is private — nobody else sees it and it mails nobody —
// so any signed-in account may follow, verified or not.
import { requireViewer, type Viewer } from '../community/viewer.models.js';
import { authorKey } from '../core/author-key.js';
import { orgPath } from '../organizations/organizations.models.js';
import type { Store } from '../store/store.js';
import { canonicalCategory } from './categories.js';
import { followInvalid, followLimitReached, followOwnCollection, followTargetNotFound } from './follows.errors.js';
import type { Follow, FollowTarget } from './follows.models.js';

/** A reader follows at most this many things: /following reads all of them on every page. */
export const MAX_FOLLOWS = 500;

const ID = /^[0-9]{1,15}$/;

/** The target as stored (canonical key), after checking the reader may follow it; throws a refusal otherwise. */
export async function checkTarget(store: Store, viewer: Viewer, target: FollowTarget): Promise<FollowTarget> {
  switch (target.kind) {
    case 'author': {
      const key = authorKey(target.key);
      if (!key) throw followInvalid({ message: 'An author to follow needs a name with letters or digits.' });
      const { total } = await store.authors.papers({ key, limit: 1, offset: 0 });
      if (total === 0) throw followTargetNotFound({ message: `No paper here has an author named "${target.key}".` });
      return { kind: 'author', key };
    }
    case 'category': {
      const key = canonicalCategory(target.key);
      if (!key) throw followInvalid({ message: `"${target.key.slice(0, 60)}" is not an arXiv category (e.g. cs.CL).` });
      return { kind: 'category', key };
    }
    case 'collection': {
      const collection = ID.test(target.key) ? await store.collections.findById(Number(target.key)) : null;
      if (!collection?.isPublic) throw followTargetNotFound({ message: 'There is no such public collection.' });
      if (collection.userId === viewer.id) throw followOwnCollection();
      return { kind: 'collection', key: String(collection.id) };
    }
    case 'saved_search': {
      const mine = await ownSavedSearches(store, viewer.id);
      if (!ID.test(target.key) || !mine.some((s) => s.id === Number(target.key)))
        throw followTargetNotFound({ message: 'You have no saved search with that id (see /settings/digest).' });
      return { kind: 'saved_search', key: String(Number(target.key)) };
    }
    case 'organization': {
      // By id (what the page's button posts) or by slug (what an API caller knows).
      const org = ID.test(target.key)
        ? await store.organizations.findById(Number(target.key))
        : await store.organizations.findBySlug(target.key.trim().toLowerCase());
      if (!org) throw followTargetNotFound({ message: 'There is no such organization.' });
      return { kind: 'organization', key: String(org.id) };
    }
  }
}

/** The saved searches of the reader's digest subscription (the ones they may follow). */
export async function ownSavedSearches(store: Store, userId: number) {
  const subscription = await store.subscriptions.findByUserId(userId);
  return subscription ? store.savedSearches.listBySubscription(subscription.id) : [];
}

export async function followTarget(opts: {
  store: Store;
  viewer: Viewer | null;
  target: FollowTarget;
  now?: Date;
}): Promise<{ target: FollowTarget; created: boolean }> {
  const viewer = requireViewer(opts.viewer);
  const target = await checkTarget(opts.store, viewer, opts.target);
  if ((await opts.store.follows.countByUser(viewer.id)) >= MAX_FOLLOWS) {
    const already = await opts.store.follows.followedAmong(viewer.id, [target]);
    if (already.size === 0) throw followLimitReached();
  }
  const now = (opts.now ?? new Date()).toISOString();
  const created = await opts.store.follows.add({ userId: viewer.id, target, now });
  return { target, created };
}

/** Unfollowing needs no check of the target: what was followed may be gone or private by now. */
export async function unfollowTarget(opts: {
  store: Store;
  viewer: Viewer | null;
  target: FollowTarget;
}): Promise<{ target: FollowTarget; removed: boolean }> {
  const viewer = requireViewer(opts.viewer);
  const target = storedKey(opts.target);
  return { target, removed: await opts.store.follows.remove({ userId: viewer.id, target }) };
}

/** The key a target is stored under, without asking whether it (still) exists. */
function storedKey(target: FollowTarget): FollowTarget {
  if (target.kind === 'author') return { kind: 'author', key: authorKey(target.key) };
  if (target.kind === 'category') return { kind: 'category', key: canonicalCategory(target.key) ?? target.key };
  return target;
}

/** Whether the reader follows a target given as a page shows it (the follow button's state). */
export async function isFollowing(store: Store, viewer: Viewer | null, target: FollowTarget): Promise<boolean> {
  if (!viewer) return false;
  const t = storedKey(target);
  return (await store.follows.followedAmong(viewer.id, [t])).has(`${t.kind} ${t.key}`);
}

export interface LabelledFollow extends Follow {
  label: string;
  /** Where the followed thing lives; null when it is gone (a deleted collection, a removed saved search). */
  href: string | null;
}

/** The reader's follows with names and links, newest first, for the manage page and the API. */
export async function listFollows(opts: { store: Store; viewer: Viewer | null }): Promise<LabelledFollow[]> {
  const viewer = requireViewer(opts.viewer);
  const follows = await opts.store.follows.listByUser(viewer.id);
  const labels = await followLabels(opts.store, viewer.id, follows);
  return follows.map((f) => ({ ...f, ...(labels.get(`${f.kind} ${f.key}`) ?? { label: f.key, href: null }) }));
}

/** Names and links of followed things, keyed "kind key"; authors are named by their newest paper's spelling. */
export async function followLabels(
  store: Store,
  userId: number,
  targets: FollowTarget[],
  /** Look up authors' names (a read of their newest papers); /following names them from the paper itself. */
  opts: { nameAuthors?: boolean } = {},
): Promise<Map<string, { label: string; href: string | null }>> {
  const out = new Map<string, { label: string; href: string | null }>();
  const searches = targets.some((t) => t.kind === 'saved_search') ? await ownSavedSearches(store, userId) : [];
  for (const t of targets) {
    const k = `${t.kind} ${t.key}`;
    if (out.has(k)) continue;
    if (t.kind === 'author') {
      const { spellings } =
        opts.nameAuthors === false ? { spellings: [] } : await store.authors.circle({ key: t.key, coAuthors: 0 });
      out.set(k, { label: spellings[0] ?? t.key, href: `/authors/${encodeURIComponent(t.key)}` });
    } else if (t.kind === 'category') out.set(k, { label: t.key, href: `/categories/${encodeURIComponent(t.key)}` });
    else if (t.kind === 'collection') {
      const c = await store.collections.findById(Number(t.key));
      const visible = c?.isPublic && c.userId !== userId;
      out.set(
        k,
        visible ? { label: c.name, href: `/collections/${c.id}` } : { label: `collection ${t.key}`, href: null },
      );
    } else if (t.kind === 'saved_search') {
      const s = searches.find((x) => String(x.id) === t.key);
      out.set(
        k,
        s
          ? { label: s.query || `everything in ${s.category}`, href: savedSearchHref(s) }
          : { label: `saved search ${t.key}`, href: null },
      );
    } else if (t.kind === 'organization') {
      const org = ID.test(t.key) ? await store.organizations.findById(Number(t.key)) : null;
      out.set(k, org ? { label: org.name, href: orgPath(org.slug) } : { label: `organization ${t.key}`, href: null });
    } else out.set(k, { label: t.key, href: null });
  }
  return out;
}

function savedSearchHref(s: { query: string; category: string; hasCode: boolean }): string {
  const q = new URLSearchParams({ q: s.query });
  if (s.category) q.set('category', s.category);
  if (s.hasCode) q.set('has_code', 'true');
  return `/search?${q}`;
}

/**
 * Who follows each of these authors (folded author keys): the call the notification job makes for new papers
 * ("a new paper by an author you follow"). Keys without followers are absent.
 */
export async function followersOfAuthors(opts: { store: Store; authorKeys: string[] }): Promise<Map<string, number[]>> {
  const keys = [...new Set(opts.authorKeys.map((k) => authorKey(k)).filter(Boolean))];
  return keys.length ? opts.store.follows.followersOf('author', keys) : new Map();
}
