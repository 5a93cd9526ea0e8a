// /following, its feed and its API: the papers everything a reader follows made new within the window, newest
// first, each with the reasons it is there ("by Ada Lovelace", "in cs.LG", "in collection X", "matches saved
// search Y"). One use case; the page, the feed and the JSON only render it differently.
import { authorKey } from '../core/author-key.js';
import type { Listing, StoredPaper } from '../papers/papers.models.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';
import { FOLLOWING_WINDOW_DAYS, type FollowKind } from './follows.models.js';
import { followLabels, ownSavedSearches } from './follows.usecases.js';
import { savedSearchHits } from './saved-search-hits.js';

export interface FollowReason {
  kind: FollowKind;
  key: string;
  /** The author's name as this paper writes it, the category, the collection's name, the saved search's text. */
  label: string;
  href: string | null;
}

export interface FollowingItem {
  paper: StoredPaper;
  listing: Listing | null;
  /** When it became news: first published, or added to a followed collection. */
  at: string;
  reasons: FollowReason[];
}

export interface FollowingPage {
  items: FollowingItem[];
  page: number;
  hasNext: boolean;
  /** How many things the reader follows (0: the page explains how to follow). */
  follows: number;
  windowDays: number;
}

export async function getFollowingPapers(opts: {
  store: Store;
  search: SearchIndex;
  userId: number;
  page: number;
  pageSize: number;
  now?: Date;
}): Promise<FollowingPage> {
  const { store, userId, page, pageSize } = opts;
  const follows = await store.follows.listByUser(userId);
  const base = { page, follows: follows.length, windowDays: FOLLOWING_WINDOW_DAYS };
  if (follows.length === 0) return { ...base, items: [], hasNext: false };
  const since = new Date((opts.now ?? new Date()).getTime() - FOLLOWING_WINDOW_DAYS * 86_400_000);
  const followedSearches = new Set(follows.filter((f) => f.kind === 'saved_search').map((f) => f.key));
  const searches = followedSearches.size
    ? (await ownSavedSearches(store, userId)).filter((s) => followedSearches.has(String(s.id)))
    : [];
  const refs = await store.follows.papers({
    userId,
    since: since.toISOString(),
    savedSearchHits: savedSearchHits({ search: opts.search, searches, sinceDay: since.toISOString().slice(0, 10) }),
    limit: pageSize + 1,
    offset: (page - 1) * pageSize,
  });
  const shown = refs.slice(0, pageSize);
  const ids = shown.map((r) => r.paperId);
  const [papers, listings, labels] = await Promise.all([
    store.papers.findByIds(ids),
    store.listings.visibleByPaperIds(ids),
    followLabels(
      store,
      userId,
      shown.flatMap((r) => r.reasons),
      { nameAuthors: false },
    ),
  ]);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const items = shown.flatMap((ref): FollowingItem[] => {
    const paper = byId.get(ref.paperId);
    if (!paper) return [];
    const reasons = ref.reasons.map((r) => {
      const known = labels.get(`${r.kind} ${r.key}`) ?? { label: r.key, href: null };
      // The name as this paper spells it: "by Paul Lévy", even when the newest paper wrote "P. Levy".
      const spelled = r.kind === 'author' ? paper.authors.find((a) => authorKey(a.name) === r.key)?.name : undefined;
      return { ...r, ...known, label: spelled ?? known.label };
    });
    return [{ paper, listing: listings.get(paper.id) ?? null, at: ref.at, reasons }];
  });
  return { ...base, items, hasNext: refs.length > pageSize };
}

/** "by Ada Lovelace you follow", "in cs.LG", "in collection Reading", "matches saved search “moe”". */
export function reasonText(r: Pick<FollowReason, 'kind' | 'label'>): string {
  switch (r.kind) {
    case 'author':
      return `by ${r.label}, whom you follow`;
    case 'category':
      return `in ${r.label}`;
    case 'collection':
      return `in collection “${r.label}”`;
    case 'saved_search':
      return `matches saved search “${r.label}”`;
    case 'organization':
      return `from organization ${r.label}`;
  }
}
