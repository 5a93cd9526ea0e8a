// Everything a paper page shows, read once for every path that renders one (GET /papers/…, and the page shown
// again with the reader's draft when a comment is refused): the paper and its listing, similar papers, the
// comment thread, verified authors, the reader's claim and vote, and the listing's moderation state.
import type { PaperWithListing } from '../papers/papers.usecases.js';
import { similarPapers } from '../papers/search.usecases.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';
import { annotateCards } from './cards.usecases.js';
import { getThread } from './comments.usecases.js';
import type { Viewer } from './viewer.models.js';

/** How many similar papers the page lists. */
export const SIMILAR_ON_PAGE = 6;

/** What the page shows about `found` (a paper getPaper found: a missing paper is refused before anything else runs). */
export async function getPaperPage(opts: {
  store: Store;
  search: SearchIndex;
  viewer: Viewer | null;
  found: PaperWithListing;
}) {
  const { store, viewer, found: result } = opts;
  const paperId = result.paper.id;
  const [similar, notes, thread, approved, moderation, claim] = await Promise.all([
    similarPapers(store, opts.search, result.paper, SIMILAR_ON_PAGE),
    annotateCards({ store, viewer, paperIds: [paperId] }),
    getThread({ store, viewer, paperId }),
    store.claims.approvedForPaper(paperId),
    store.submissions.findListingForModeration(paperId),
    viewer ? store.claims.findForUserAndPaper(viewer.id, paperId) : Promise.resolve(null),
  ]);
  const verifiedAuthors: Record<string, string[]> = {};
  for (const c of approved) verifiedAuthors[c.authorName] = [...(verifiedAuthors[c.authorName] ?? []), c.username];
  return { ...result, similar, notes, thread, verifiedAuthors, moderation, claim };
}

export type PaperPage = Awaited<ReturnType<typeof getPaperPage>>;
