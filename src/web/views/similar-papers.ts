// The "Similar papers" list on a paper page.

import type { StoredPaper } from '../../papers/papers.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { renderTextWithMath } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import { authorSummary, formatDate } from './format.js';

export function similarPapersList(papers: StoredPaper[]): SafeHtml {
  if (papers.length === 0) return html`<p class="muted">No similar papers in this library yet.</p>`;
  return html`<ol class="similar-papers">${papers.map((p) => {
    const authors = authorSummary({ authors: p.authors, shown: 2 });
    return html`<li><a href="${paperPath(p.arxivId)}">${renderTextWithMath(p.title)}</a>
<span class="muted">${authors.total ? `${authors.names.join(', ')}${authors.truncated ? ' et al.' : ''} · ` : ''}${formatDate(p.publishedAt)}</span></li>`;
  })}</ol>`;
}
