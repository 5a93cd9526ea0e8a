// What search results show of the daily listing: a hit is a paper, listed here or not; these find its visible
// listing (upvotes, submitter) so that results look like the daily page's cards or HF's daily items.
import type { Store } from '../store/store.js';

/** The visible listings of a page of hits, by paper id (hidden listings and unlisted papers are absent). */
export function visibleListingsOf(opts: { store: Store; paperIds: number[] }) {
  return opts.store.listings.visibleByPaperIds(opts.paperIds);
}

/** One paper's listing, or null when it is not listed or a moderator hid it. */
export async function visibleListingOf(opts: { store: Store; paperId: number }) {
  const found = await opts.store.listings.findByPaperId(opts.paperId);
  return found && !found.hidden ? found : null;
}
