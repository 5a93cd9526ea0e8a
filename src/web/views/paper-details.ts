// The metadata sidebar of a paper page: dates, categories, versions, comments, journal-ref, DOI, license.
import type { Paper } from '../../core/paper.js';
import { type HtmlValue, html, type SafeHtml, safeUrl } from '../../render/html.js';
import { renderTextWithMath } from '../../render/math.js';
import { formatDate, isoDateTime, licenseLabel } from './format.js';

export function paperDetails({ paper, absUrl }: { paper: Paper; absUrl: string }): SafeHtml {
  return html`<aside class="paper-details" aria-label="Paper details">
<dl>
${row('Published', dateTag(paper.publishedAt))}
${paper.updatedAt && paper.updatedAt !== paper.publishedAt ? row('Updated', dateTag(paper.updatedAt)) : ''}
${
  paper.categories.length > 0
    ? row(
        'Categories',
        html`<span class="chip-list">${paper.categories.map((c) => html`<span class="chip">${c}</span>`)}</span>`,
      )
    : ''
}
${paper.versions.length > 0 ? row('Versions', versionList({ paper, absUrl })) : ''}
${paper.comments ? row('Comments', renderTextWithMath(paper.comments.trim())) : ''}
${paper.journalRef ? row('Journal ref', paper.journalRef) : ''}
${paper.doi ? row('DOI', doiLinks(paper.doi)) : ''}
${paper.license ? row('License', licenseTag(paper.license)) : ''}
</dl>
</aside>`;
}

function row(label: string, value: HtmlValue): SafeHtml {
  return html`<div class="detail-row"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function dateTag(iso: string): SafeHtml {
  return html`<time datetime="${isoDateTime(iso)}">${formatDate(iso)}</time>`;
}

function versionList({ paper, absUrl }: { paper: Paper; absUrl: string }): SafeHtml {
  return html`<ol class="versions">${paper.versions.map(
    (v) =>
      html`<li><a href="${safeUrl(`${absUrl}v${v.version}`)}">v${v.version}</a> ${dateTag(v.date)}${v.size ? html` <span class="muted">(${v.size})</span>` : ''}</li>`,
  )}</ol>`;
}

// arXiv's doi field may hold several DOIs separated by spaces.
function doiLinks(doi: string): SafeHtml[] {
  return doi
    .split(/\s+/)
    .filter(Boolean)
    .map(
      (d) =>
        html`<a class="doi" href="${`https://doi.org/${d.split('/').map(encodeURIComponent).join('/')}`}">${d}</a> `,
    );
}

function licenseTag(license: string): SafeHtml {
  const label = licenseLabel(license);
  return /^https?:\/\//i.test(license)
    ? html`<a href="${safeUrl(license)}" rel="license">${label}</a>`
    : html`${label}`;
}
