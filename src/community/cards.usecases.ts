// What cards and paper pages show about the community besides the paper: comment counts, whether the reader
// upvoted it, and which of the reader's collections hold it. One batch of queries per page, not per card.
import type { OrgBadge } from '../organizations/organizations.models.js';
import type { StoredKeywords } from '../store/paper-keywords.repository.js';
import type { StoredSummary } from '../store/paper-summaries.repository.js';
import type { Store } from '../store/store.js';
import type { Viewer } from './viewer.models.js';

export interface CardAnnotations {
  commentCounts: Map<number, number>;
  upvoted: Set<number>;
  /** Per paper, the ids of the reader's collections that hold it; null when signed out. */
  savedIn: Map<number, Set<number>> | null;
  /** Per paper, the organization it is attributed to (organizations/). */
  organizations?: Map<number, OrgBadge>;
  /** Stored keywords and summaries; compare with the paper's text (currentKeywords, currentSummary) before showing. */
  keywords: Map<number, StoredKeywords>;
  summaries: Map<number, StoredSummary>;
}

export async function annotateCards(opts: {
  store: Store;
  viewer: Viewer | null;
  paperIds: number[];
}): Promise<CardAnnotations> {
  const { store, viewer, paperIds } = opts;
  const [commentCounts, upvoted, savedIn, organizations, keywords, summaries] = await Promise.all([
    store.comments.countsForPapers(paperIds),
    viewer ? store.votes.upvotedAmong(viewer.id, paperIds) : Promise.resolve(new Set<number>()),
    viewer ? store.collections.containing(viewer.id, paperIds) : Promise.resolve(null),
    store.organizations.badgesFor(paperIds),
    store.paperKeywords.forPapers(paperIds),
    store.paperSummaries.forPapers(paperIds),
  ]);
  return { commentCounts, upvoted, savedIn, organizations, keywords, summaries };
}

/**
 * Only the reader's own part of the annotations: what they upvoted and which of their collections hold each paper.
 * A page shared by its readers (web/pages/shared-pages.ts) is annotated for nobody and reads this per request.
 */
export async function readerAnnotations(opts: {
  store: Store;
  viewer: Viewer | null;
  paperIds: number[];
}): Promise<Pick<CardAnnotations, 'upvoted' | 'savedIn'>> {
  const { store, viewer, paperIds } = opts;
  if (!viewer || paperIds.length === 0) return { upvoted: new Set(), savedIn: viewer ? new Map() : null };
  const [upvoted, savedIn] = await Promise.all([
    store.votes.upvotedAmong(viewer.id, paperIds),
    store.collections.containing(viewer.id, paperIds),
  ]);
  return { upvoted, savedIn };
}
