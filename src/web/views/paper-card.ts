// One paper in a list (daily feed, trending, search results), modelled on the Hugging Face papers card.
import type { Paper } from '../../core/paper.js';
import { renderSegments, renderTextWithMath } from '../math.js';
import { excerptSegments } from './excerpt.js';
import { authorSummary, formatDate, isoDateTime, paperPath, plural, upvotePath } from './format.js';
import { html, type SafeHtml, safeUrl } from './html.js';
import { icons } from './icons.js';
import { saveMenu } from './save-menu.js';
import type { ChromeVM, ListingVM, PaperCardVM } from './view-models.js';

export function paperCard({ card, chrome }: { card: PaperCardVM; chrome: ChromeVM }): SafeHtml {
  const { paper, listing, codeUrl, rank } = card;
  const href = paperPath(paper.arxivId);
  return html`<article class="paper-card" id="${`paper-${paper.arxivId}`}">
${listing ? voteBox({ paper, listing, rank, chrome }) : ''}
<div class="card-body">
<h2 class="card-title"><a href="${href}">${card.highlighted?.title ?? renderTextWithMath(oneLine(paper.title))}</a></h2>
${authorLine(paper)}
${card.highlighted ? html`<p class="card-abstract">${card.highlighted.abstract}</p>` : abstractExcerpt(paper)}
<div class="card-meta">
<span class="chip" title="Primary category">${paper.primaryCategory}</span>
<span class="meta-item">${icons.calendar}<time datetime="${isoDateTime(paper.publishedAt)}">${formatDate(paper.publishedAt)}</time></span>
${codeUrl ? html`<a class="badge badge-code" href="${safeUrl(codeUrl)}" rel="noopener nofollow">${icons.code}code</a>` : ''}
${listing ? commentLink({ href, count: listing.commentCount }) : ''}
${listing?.submittedBy ? html`<span class="meta-item submitted-by">Submitted by <strong>${listing.submittedBy}</strong></span>` : ''}
${card.savedIn ? saveMenu({ arxivId: paper.arxivId, savedIn: card.savedIn, chrome }) : ''}
${paper.withdrawn ? html`<span class="badge badge-withdrawn">withdrawn</span>` : ''}
</div>
</div>
</article>`;
}

/** Titles from arXiv metadata keep the submitter's hard line wraps. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function voteBox(args: { paper: Paper; listing: ListingVM; rank: number | undefined; chrome: ChromeVM }): SafeHtml {
  const { paper, listing, rank, chrome } = args;
  return html`<div class="vote-box">
${rank !== undefined ? html`<span class="rank" title="Rank">#${rank}</span>` : ''}
${upvoteForm({ arxivId: paper.arxivId, listing, csrfToken: chrome.csrfToken })}
</div>`;
}

/**
 * A plain form so that voting works without JavaScript; app.js submits it with fetch instead.
 * `state` is the state the click asks for (not a toggle), so a double submit cannot undo the vote.
 */
export function upvoteForm({
  arxivId,
  listing,
  csrfToken,
}: {
  arxivId: string;
  listing: ListingVM;
  csrfToken: string | null;
}): SafeHtml {
  const pressed = listing.upvotedByViewer;
  return html`<form class="upvote-form" method="post" action="${upvotePath(arxivId)}" data-upvote>
${csrfToken ? html`<input type="hidden" name="_csrf" value="${csrfToken}">` : ''}
<input type="hidden" name="state" value="${pressed ? 'off' : 'on'}">
<button type="submit" class="upvote-button" aria-pressed="${pressed ? 'true' : 'false'}">${icons.upvote}<span class="visually-hidden">Upvote</span><span class="upvote-count" data-upvote-count>${listing.upvotes}</span></button>
</form>`;
}

function authorLine(paper: Paper): SafeHtml {
  const { names, total, truncated } = authorSummary({ authors: paper.authors });
  if (total === 0) return html``;
  return html`<p class="card-authors">${names.join(', ')}${
    truncated ? html` <span class="et-al">et al. (${total} authors)</span>` : ''
  }</p>`;
}

function abstractExcerpt(paper: Paper): SafeHtml {
  const excerpt = excerptSegments({ text: paper.abstract, maxChars: 300 });
  if (excerpt.segments.length === 0) return html``;
  return html`<p class="card-abstract">${renderSegments(excerpt.segments)}${excerpt.truncated ? '…' : ''}</p>`;
}

function commentLink({ href, count }: { href: string; count: number }): SafeHtml {
  return html`<a class="meta-item" href="${`${href}#comments`}">${icons.comment}${plural({ count, one: 'comment', many: 'comments' })}</a>`;
}
