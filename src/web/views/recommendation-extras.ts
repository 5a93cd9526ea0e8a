// What a recommendation card carries besides the paper card itself: why it is recommended ("because you saved …",
// the words that weighed most in the reader's model) and a "Not interested" button; plus the banner that offers
// to undo a "not interested" and the list of papers the reader hid. Plain forms with the CSRF token: no script.
import type { Interaction } from '../../digest/digest.models.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { renderTextWithMath } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import { postButton } from './forms.js';
import { oneLine } from './paper-card.js';

/** Where every "not interested" form posts (state=on marks, state=off undoes; back = the list to return to). */
export const NOT_INTERESTED_ACTION = '/recommendations/not-interested';

export interface RecommendationWhyVM {
  because: { paper: Pick<StoredPaper, 'arxivId' | 'title'>; kind: Interaction['kind'] } | null;
  terms: string[];
}

const VERB: Record<Interaction['kind'], string> = {
  upvote: 'upvoted',
  collection: 'saved',
  click: 'opened in a digest',
};

export function recommendationWhy(why: RecommendationWhyVM | undefined): SafeHtml {
  if (!why || (!why.because && why.terms.length === 0)) return html``;
  const because = why.because
    ? html`Because you ${VERB[why.because.kind]} <a href="${paperPath(why.because.paper.arxivId)}">${renderTextWithMath(oneLine(why.because.paper.title))}</a>`
    : '';
  const terms =
    why.terms.length > 0
      ? html`${because ? ' · ' : ''}weighed most: ${why.terms.map((t, i) => html`${i > 0 ? ', ' : ''}<em>${t}</em>`)}`
      : '';
  return html`<p class="rec-why muted">${because}${terms}</p>`;
}

export function notInterestedButton(b: { arxivId: string; csrfToken: string | null; back: string }): SafeHtml {
  return postButton({
    action: NOT_INTERESTED_ACTION,
    label: 'Not interested',
    csrfToken: b.csrfToken,
    fields: { paper: b.arxivId, state: 'on', back: b.back },
    title: 'Hide this paper and recommend fewer like it',
  });
}

/** After a "not interested": the paper is gone from the list; one button brings it back. */
export function undoNotInterestedBanner(b: {
  paper: Pick<StoredPaper, 'arxivId' | 'title'> | null;
  csrfToken: string | null;
  back: string;
}): SafeHtml {
  if (!b.paper) return html``;
  const undo = postButton({
    action: NOT_INTERESTED_ACTION,
    label: 'Undo',
    csrfToken: b.csrfToken,
    fields: { paper: b.paper.arxivId, state: 'off', back: b.back },
  });
  return html`<p class="banner" role="status">“${renderTextWithMath(oneLine(b.paper.title))}” is hidden: it will not be recommended to you again, and your recommendations learn from it. ${undo}</p>`;
}

/** The papers a reader marked "not interested", each with its undo, folded away under the list. */
export function hiddenPapersList(b: {
  papers: Array<Pick<StoredPaper, 'arxivId' | 'title'>>;
  csrfToken: string | null;
  back: string;
}): SafeHtml {
  if (b.papers.length === 0) return html``;
  return html`<details class="hidden-papers"><summary>Papers you marked “not interested” (${b.papers.length})</summary>
<ul>${b.papers.map(
    (p) =>
      html`<li><a href="${paperPath(p.arxivId)}">${renderTextWithMath(oneLine(p.title))}</a> ${postButton({
        action: NOT_INTERESTED_ACTION,
        label: 'Undo',
        csrfToken: b.csrfToken,
        fields: { paper: p.arxivId, state: 'off', back: b.back },
      })}</li>`,
  )}</ul></details>`;
}
