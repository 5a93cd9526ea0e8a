// One paper in a list, modelled on the Hugging Face papers card. The daily, week and month pages, trending,
// author pages, collections and profiles all render papers with this card (search results too), so a reader
// finds the same things in the same places everywhere: rendered math, linked authors, the vote button, the
// comment count, the code link, categories and the date.
import { authorPath } from '../../core/author-key.js';
import type { Author, Paper } from '../../core/paper.js';
import { decodeTexAccents } from '../../core/tex-accents.js';
import type { OrgBadge } from '../../organizations/organizations.models.js';
import { html, type SafeHtml, safeUrl } from '../../render/html.js';
import { renderSegments, renderTextWithMath } from '../../render/math.js';
import { paperPath, upvotePath } from '../../render/paths.js';
import { memoHtml } from '../../render/render-memo.js';
import { excerptSegments } from './excerpt.js';
import { authorSummary, formatDate, isoDateTime, plural } from './format.js';
import { icons } from './icons.js';
import { organizationBadge } from './organization-badge.js';
import { cardDerivedText } from './paper-derived-text.js';
import { saveMenu } from './save-menu.js';
import type { ChromeVM, ListingVM, PaperCardVM } from './view-models.js';
import { perCardViewer } from './viewer-parts.js';

/**
 * What a page passes to `paperCard`. A page with its own rendering of the text (search results with highlighted
 * matches) sets `card.highlighted`; everything else on the card stays the same.
 */
export interface PaperCardInput {
  card: PaperCardVM;
  chrome: ChromeVM;
}

/** At most this many category chips; the paper page lists them all. */
const MAX_CATEGORIES = 3;

export function paperCard({ card, chrome }: PaperCardInput): SafeHtml {
  const { paper, listing, codeUrl, rank } = card;
  const href = paperPath(paper.arxivId);
  return html`<article class="paper-card" id="${cardAnchor(paper.arxivId)}">
${listing ? perCardViewer(chrome, card, (c, ch) => voteBox({ paper, listing: c.listing!, rank, chrome: ch })) : ''}
<div class="card-body">
<h2 class="card-title"><a href="${href}">${card.highlighted?.title ?? renderTextWithMath(oneLine(paper.title))}</a></h2>
${authorLine(paper, card.organization)}
${card.highlighted ? html`<p class="card-abstract">${card.highlighted.abstract}</p>` : memoHtml(`excerpt:${paper.abstract}`, () => abstractExcerpt(paper))}
${cardDerivedText(card.derived)}
<div class="card-meta">
${categoryChips(paper)}
<span class="meta-item">${icons.calendar}<time datetime="${isoDateTime(paper.publishedAt)}">${formatDate(paper.publishedAt)}</time></span>
${codeUrl ? html`<a class="badge badge-code" href="${safeUrl(codeUrl)}" rel="noopener nofollow">${icons.code}code</a>` : ''}
${listing ? commentLink({ href, count: listing.commentCount }) : ''}
${listing?.submittedBy ? html`<span class="meta-item submitted-by">Submitted by ${userLink(listing.submittedBy)}</span>` : ''}
${perCardViewer(chrome, card, (c, ch) => (c.savedIn ? saveMenu({ arxivId: paper.arxivId, savedIn: c.savedIn, chrome: ch, anchor: cardAnchor(paper.arxivId) }) : html``))}
${paper.withdrawn ? html`<span class="badge badge-withdrawn">withdrawn</span>` : ''}
</div>
</div>
</article>`;
}

/** The card's element id: where a form posted from the card sends the reader back to ("#paper-2401.00001"). */
export function cardAnchor(arxivId: string): string {
  return `paper-${arxivId}`;
}

/** Titles from arXiv metadata keep the submitter's hard line wraps. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** An author's name (TeX accents decoded), linked to their author page. */
export function authorLink(author: Pick<Author, 'name'>): SafeHtml {
  const name = decodeTexAccents(author.name);
  return html`<a class="author-link" href="${authorPath(name)}">${name}</a>`;
}

export function userLink(username: string): SafeHtml {
  return html`<a class="user-link" href="${`/u/${encodeURIComponent(username)}`}">${username}</a>`;
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

/** The first authors, then the paper's organization when it has one (as on Hugging Face), else the author count. */
function authorLine(paper: Paper, organization: OrgBadge | undefined): SafeHtml {
  const { total, truncated } = authorSummary({ authors: paper.authors });
  if (total === 0 && !organization) return html``;
  const shown = paper.authors.slice(0, 3);
  const tail = organization
    ? html`${truncated ? ' et al.' : ''} · ${organizationBadge(organization)}`
    : truncated
      ? html` <span class="et-al">et al. (${total} authors)</span>`
      : '';
  return html`<p class="card-authors">${shown.map((a, i) => html`${i ? ', ' : ''}${authorLink(a)}`)}${tail}</p>`;
}

// Categories link to their page (/categories/{id}: newest first, like arXiv's listing, with a follow button and a
// feed; it links on to a search within the category), where a reader who clicks a chip expects to land.
function categoryChips(paper: Paper): SafeHtml[] {
  const categories = [paper.primaryCategory, ...paper.categories.filter((c) => c !== paper.primaryCategory)]
    .filter(Boolean)
    .slice(0, MAX_CATEGORIES);
  return categories.map(
    (c, i) =>
      html`<a class="chip" href="${`/categories/${encodeURIComponent(c)}`}" title="${i === 0 ? 'Primary category' : 'Category'}">${c}</a>`,
  );
}

function abstractExcerpt(paper: Paper): SafeHtml {
  const excerpt = excerptSegments({ text: paper.abstract, maxChars: 300 });
  if (excerpt.segments.length === 0) return html``;
  return html`<p class="card-abstract">${renderSegments(excerpt.segments)}${excerpt.truncated ? '…' : ''}</p>`;
}

function commentLink({ href, count }: { href: string; count: number }): SafeHtml {
  return html`<a class="meta-item" href="${`${href}#comments`}">${icons.comment}${plural({ count, one: 'comment', many: 'comments' })}</a>`;
}
