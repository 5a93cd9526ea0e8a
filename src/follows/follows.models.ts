// Following: what a reader follows and why a paper is on their /following page. Plain types; imports nothing.

/** An organization is followed from /orgs/{slug}; its papers count from when they were attributed to it. */
export const FOLLOW_KINDS = ['author', 'category', 'collection', 'saved_search', 'organization'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

/**
 * What is followed. `key` is the folded author key (core/author-key.ts), the arXiv category as arXiv writes it
 * ("cs.LG"), or the collection's, saved search's or organization's id as text.
 */
export interface FollowTarget {
  kind: FollowKind;
  key: string;
}

export interface Follow extends FollowTarget {
  userId: number;
  createdAt: string;
}

/** A paper on /following and every followed thing that put it there, with when it became news (its `at`). */
export interface FollowedPaperRef {
  paperId: number;
  /** The newest of: first publication (authors, categories, saved searches) or the time it joined a followed collection. */
  at: string;
  reasons: FollowTarget[];
}

/** How far back /following, its feed and the digest section look: it lists what is new, not everything ever. */
export const FOLLOWING_WINDOW_DAYS = 30;
