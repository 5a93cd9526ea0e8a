// "More like this collection" under a collection's papers: recently listed papers its papers' model ranks as
// alike, with the feed of new ones. A signed-in reader can mark each "not interested", like any recommendation.
import { html, type SafeHtml } from '../../render/html.js';
import { feedLinksBar } from './feed-links-bar.js';
import { paperCard } from './paper-card.js';
import { notInterestedButton, undoNotInterestedBanner } from './recommendation-extras.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface CollectionSimilarVM {
  collectionId: number;
  cards: PaperCardVM[];
  /** The feed of new similar papers (a tokenised URL for a private collection's owner). */
  feeds: FeedLinkVM[];
  /** The paper the viewer just marked "not interested", offered back. */
  undo: { arxivId: string; title: string } | null;
}

export function collectionSimilarSection(vm: CollectionSimilarVM | undefined, chrome: ChromeVM): SafeHtml {
  if (!vm) return html``;
  const back = `/collections/${vm.collectionId}`;
  const signedIn = chrome.user !== null && chrome.user !== undefined;
  return html`<section class="collection-similar" id="more-like-this"><h2>More like this collection</h2>
<p class="muted">Recently listed papers most like the ones in this collection.</p>
${undoNotInterestedBanner({ paper: vm.undo, csrfToken: chrome.csrfToken, back })}
${
  vm.cards.length === 0
    ? html`<p class="muted">Nothing like these papers was listed lately.</p>`
    : html`<ol class="paper-list">${vm.cards.map(
        (card) =>
          html`<li>${paperCard({ card, chrome })}${signedIn ? notInterestedButton({ arxivId: card.paper.arxivId, csrfToken: chrome.csrfToken, back }) : ''}</li>`,
      )}</ol>`
}
${feedLinksBar(vm.feeds)}
</section>`;
}
