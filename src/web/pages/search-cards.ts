// Search results as the daily page's cards: the listing (upvotes, vote button, submitter), comment counts and
// the reader's own votes and collections come in one batch per page, as on the daily page.
import { annotateCards } from '../../community/cards.usecases.js';
import type { Viewer } from '../../community/viewer.models.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import { visibleListingsOf } from '../../papers/search-listings.usecases.js';
import type { Services } from '../../services.js';
import { markedExcerptHtml, markedTextHtml } from '../views/marked-text.js';
import type { PaperCardVM } from '../views/view-models.js';
import { listingVM } from './daily.vm.js';

export interface SearchItem {
  paper: StoredPaper;
  /** Raw title and abstract with the index's match markers (absent for "papers like this text"). */
  marked?: { title: string; abstract: string };
}

export async function searchCards({
  store,
  viewer,
  items,
}: {
  store: Services['store'];
  viewer: Viewer | null;
  items: SearchItem[];
}): Promise<PaperCardVM[]> {
  const paperIds = items.map((i) => i.paper.id);
  const [listings, notes] = await Promise.all([
    visibleListingsOf({ store, paperIds }),
    annotateCards({ store, viewer, paperIds }),
  ]);
  return items.map(({ paper, marked }) => ({
    paper,
    listing: listingVM(listings.get(paper.id) ?? null, paper.id, notes),
    codeUrl: paper.codeUrl,
    savedIn: notes.savedIn ? [...(notes.savedIn.get(paper.id) ?? [])] : undefined,
    highlighted: marked?.title
      ? { title: markedTextHtml(marked.title), abstract: markedExcerptHtml({ marked: marked.abstract }) }
      : undefined,
  }));
}
