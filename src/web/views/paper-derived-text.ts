// A paper's keywords (as chips that search for them) and its one-sentence summary, as Hugging Face shows its
// `ai_keywords` and `ai_summary`. Keywords come from the paper's own words (src/keywords/), the summary from an
// optional chat endpoint (src/summaries/); both are computed in the background, never while a page is built.
import { html, type SafeHtml } from '../../render/html.js';
import type { DerivedTextVM } from './view-models.js';

/** Cards show the best few; the paper page all of them. */
const ON_CARD = 5;

/** Where a keyword chip leads: the search page, for the keyword as a phrase. */
function keywordSearchHref(keyword: string): string {
  return `/search?${new URLSearchParams({ q: `"${keyword.replace(/"/g, '')}"` })}`;
}

function chips(keywords: readonly string[]): SafeHtml {
  if (keywords.length === 0) return html``;
  return html`<ul class="chip-list keyword-chips" aria-label="Keywords">${keywords.map(
    (k) => html`<li><a class="chip chip-keyword" href="${keywordSearchHref(k)}" rel="tag">${k}</a></li>`,
  )}</ul>`;
}

export function cardDerivedText(derived: DerivedTextVM | undefined): SafeHtml {
  if (!derived || (derived.keywords.length === 0 && !derived.summary)) return html``;
  return html`${derived.summary ? html`<p class="card-summary"><span class="summary-label">Summary:</span> ${derived.summary}</p>` : ''}${chips(derived.keywords.slice(0, ON_CARD))}`;
}

export function pageDerivedText(derived: DerivedTextVM | undefined): SafeHtml {
  if (!derived || (derived.keywords.length === 0 && !derived.summary)) return html``;
  return html`<section class="derived-text" aria-label="Summary and keywords">
${derived.summary ? html`<p class="paper-summary"><strong>Summary</strong> <span class="summary-note">(generated)</span>: ${derived.summary}</p>` : ''}
${chips(derived.keywords)}
</section>`;
}
