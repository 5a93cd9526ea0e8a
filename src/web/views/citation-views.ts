// Cite and export: the download links every list and paper page carries, the citation_* meta tags reference managers
// (Zotero, Mendeley) and Google Scholar read from a paper page, and the import form and report of a collection.

import { citationEntries, plainText } from '../../citations/citation-entries.js';
import {
  EXPORT_CAP,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFormats,
  IMPORT_MAX_BYTES,
} from '../../citations/citations.models.js';
import type { ImportReport } from '../../citations/citations.usecases.js';
import type { StoredCollection } from '../../community/collections.models.js';
import type { Paper } from '../../core/paper.js';
import { decodeTexAccents } from '../../core/tex-accents.js';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, formError } from './forms.js';
import { layout } from './layout.js';
import type { ChromeVM } from './view-models.js';

/** Where a paper's citation downloads live: /papers/{id}/cite.bib (old-style ids keep their slash). */
export const paperCiteHref = (arxivId: string, format: ExportFormat) => `/papers/${arxivId}/cite.${format}`;

/** "Cite: BibTeX · RIS · CSL-JSON", each a download. `href` gives each format's address. */
export function exportLinks(opts: {
  label: string;
  href: (format: ExportFormat) => string;
  capped?: boolean;
}): SafeHtml {
  return html`<nav class="export-links" aria-label="${opts.label}"><span class="export-links-name">${opts.label}:</span> ${exportFormats.map(
    (format, i) =>
      html`${i ? ' · ' : ''}<a class="export-link" href="${opts.href(format)}" type="${EXPORT_FORMATS[format].contentType.split(';')[0]!}" download>${EXPORT_FORMATS[format].label}</a>`,
  )}${opts.capped ? html` <span class="muted">(first ${EXPORT_CAP} papers)</span>` : ''}</nav>`;
}

const isoDay = (iso: string) => iso.slice(0, 10).replace(/-/g, '/');

/**
 * Google Scholar's inclusion guidelines (the Highwire Press tags): one citation_author per author in order,
 * dates as YYYY/MM/DD; Zotero's "Embedded Metadata" translator reads the same tags.
 */
export function citationMetaTags(paper: Paper, bibtexHref: string): SafeHtml {
  const meta = (name: string, content: string) => html`<meta name="${name}" content="${content}">\n`;
  const [entry] = citationEntries([paper]);
  return html`${meta('citation_title', plainText(entry!.title))}${paper.authors.map((a) =>
    meta('citation_author', decodeTexAccents(a.name).replace(/\s+/g, ' ').trim()),
  )}${meta('citation_publication_date', isoDay(paper.publishedAt))}${meta('citation_date', isoDay(paper.publishedAt))}${meta(
    'citation_online_date',
    isoDay(paper.updatedAt),
  )}${meta('citation_arxiv_id', paper.arxivId)}${meta('citation_pdf_url', `https://arxiv.org/pdf/${paper.arxivId}`)}${meta(
    'citation_abstract_html_url',
    `https://arxiv.org/abs/${paper.arxivId}`,
  )}${paper.doi ? meta('citation_doi', paper.doi) : ''}<link rel="alternate" type="application/x-bibtex" title="BibTeX" href="${bibtexHref}">`;
}

/** The owner's import form on a collection page (and its own page when a refusal is shown). */
export function importForm(opts: {
  chrome: ChromeVM;
  collectionId: number;
  text?: string;
  error?: string | null;
  open?: boolean;
}): SafeHtml {
  return html`<details class="collection-import"${opts.open ? html` open` : ''}><summary>Import BibTeX or RIS</summary>
${formError(opts.error)}
<form method="post" action="${`/collections/${opts.collectionId}/import`}" class="stack-form">${csrfField(opts.chrome.csrfToken)}
<p class="form-field"><label for="field-bibliography">Paste a BibTeX or RIS export (Zotero, Mendeley, JabRef; up to ${IMPORT_MAX_BYTES / 1_000_000} MB). Entries are matched to papers here by arXiv id or DOI.</label><br>
<textarea id="field-bibliography" name="bibliography" rows="8" required>${opts.text ?? ''}</textarea></p>
<p><button type="submit" class="button button-small">Import into this collection</button></p>
</form>
</details>`;
}

export function importPage(opts: {
  chrome: ChromeVM;
  collection: StoredCollection;
  report?: ImportReport;
  text?: string;
  error?: string | null;
}): SafeHtml {
  const c = opts.collection;
  const back = `/collections/${c.id}`;
  const r = opts.report;
  const list = (items: Array<{ key: string; arxivId: string }>) =>
    html`<ul>${items.map((i) => html`<li><code>${i.key}</code> → <a href="${`/papers/${i.arxivId}`}">arXiv:${i.arxivId}</a></li>`)}</ul>`;
  const body = html`<section class="prose">
<p class="eyebrow"><a href="${back}">${c.name}</a></p>
<h1>Import into “${c.name}”</h1>
${
  r
    ? html`<p role="status">${r.added.length === 1 ? '1 paper added' : `${r.added.length} papers added`}, ${r.alreadyThere.length} already in the collection, ${r.unmatched.length === 1 ? '1 entry' : `${r.unmatched.length} entries`} not found here.</p>
${r.added.length ? html`<h2>Added</h2>${list(r.added)}` : ''}
${r.alreadyThere.length ? html`<h2>Already in the collection</h2>${list(r.alreadyThere)}` : ''}
${
  r.unmatched.length
    ? html`<h2>Not found here</h2><p class="muted">No paper on this site has the arXiv id or DOI of these entries (submit them by arXiv id to add them).</p><ul>${r.unmatched.map(
        (u) => html`<li><code>${u.key}</code>${u.title ? html` — ${u.title}` : ''}</li>`,
      )}</ul>`
    : ''
}
<p><a class="button" href="${back}">Back to the collection</a></p>`
    : importForm({ chrome: opts.chrome, collectionId: c.id, text: opts.text, error: opts.error, open: true })
}
</section>`;
  return layout({ vm: { chrome: opts.chrome, title: `Import into ${c.name}` }, body });
}
