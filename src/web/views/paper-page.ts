// A paper's own page: metadata, full abstract, links out, listing info, and slots for later features.
import type { Paper } from '../../core/paper.js';
import { html, type SafeHtml, safeUrl } from '../../render/html.js';
import { renderTextWithMath, texToPlainText } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import { citationMetaTags, exportLinks, paperCiteHref } from './citation-views.js';
import { formatDate, plural } from './format.js';
import { icons } from './icons.js';
import { layout } from './layout.js';
import { authorLink, oneLine, upvoteForm, userLink } from './paper-card.js';
import { paperDetails } from './paper-details.js';
import type { PaperPageVM } from './view-models.js';

export function paperPage(vm: PaperPageVM): SafeHtml {
  const { paper } = vm;
  const body = html`<article class="paper-page">
${paper.withdrawn ? html`<p class="banner banner-warning" role="note"><strong>Withdrawn.</strong> The authors have withdrawn this paper from arXiv.</p>` : ''}
<header class="paper-header">
<p class="paper-eyebrow"><a href="${safeUrl(vm.absUrl)}">arXiv:${paper.arxivId}</a>${paper.primaryCategory ? html`<span class="chip">${paper.primaryCategory}</span>` : ''}</p>
<h1 class="paper-title">${renderTextWithMath(oneLine(paper.title))}</h1>
${authorList(paper, vm.verifiedAuthors ?? {})}
<div class="paper-actions">
${vm.listing ? upvoteForm({ arxivId: paper.arxivId, listing: vm.listing, csrfToken: vm.chrome.csrfToken }) : ''}
${linkButtons(vm)}
</div>
${
  vm.listing
    ? html`<p class="listing-info">${
        vm.listing.submittedBy
          ? html`Submitted by <strong>${userLink(vm.listing.submittedBy)}</strong> on `
          : 'Listed on '
      }<time datetime="${vm.listing.listedOn}">${formatDate(vm.listing.listedOn)}</time> · ${plural({ count: vm.listing.upvotes, one: 'upvote', many: 'upvotes' })}</p>`
    : ''
}
${exportLinks({ label: 'Cite this paper', href: (format) => paperCiteHref(paper.arxivId, format) })}
${vm.extras ?? ''}
</header>
<div class="paper-layout">
<div class="paper-main">
<section class="abstract" aria-labelledby="abstract-heading">
<h2 id="abstract-heading">Abstract</h2>
${abstractParagraphs(paper.abstract)}
</section>
${slot({ id: 'similar-papers', title: 'Similar papers', content: vm.similarPapers })}
${slot({ id: 'comments', title: 'Comments', content: vm.comments })}
</div>
${paperDetails({ paper, absUrl: vm.absUrl })}
</div>
</article>`;
  return layout({
    vm: {
      chrome: vm.chrome,
      title: oneLine(texToPlainText(paper.title)),
      description: oneLine(texToPlainText(paper.abstract)).slice(0, 300),
      canonicalPath: paperPath(paper.arxivId),
      head: citationMetaTags(paper, paperCiteHref(paper.arxivId, 'bib')),
    },
    body,
  });
}

/** Authors, each with the badge of the site users a moderator verified as that author. */
function authorList(paper: Paper, verified: Readonly<Record<string, string[]>>): SafeHtml {
  if (paper.authors.length === 0) return html``;
  const badges = (name: string) =>
    (Object.hasOwn(verified, name) ? verified[name]! : []).map(
      (username) =>
        html` <a class="badge author-badge" href="${`/u/${encodeURIComponent(username)}`}" title="Verified author">✓ ${username}</a>`,
    );
  return html`<ul class="author-list" aria-label="Authors">${paper.authors.map(
    (a) =>
      html`<li><span class="author-name">${authorLink(a)}</span>${a.affiliation ? html` <span class="affiliation">(${a.affiliation})</span>` : ''}${badges(a.name)}</li>`,
  )}</ul>`;
}

function linkButtons(vm: PaperPageVM): SafeHtml {
  const link = (href: string, icon: SafeHtml, text: string, primary = false) =>
    html`<a class="${primary ? 'button button-primary' : 'button'}" href="${safeUrl(href)}" rel="noopener">${icon}${text}</a>`;
  return html`<nav class="paper-links" aria-label="Paper links">
${link(vm.pdfUrl, icons.pdf, 'PDF', true)}
${link(vm.absUrl, icons.external, 'arXiv page')}
${vm.htmlUrl ? link(vm.htmlUrl, icons.globe, 'HTML') : ''}
${vm.codeUrl ? link(vm.codeUrl, icons.code, 'Code') : ''}
${vm.projectUrl ? link(vm.projectUrl, icons.globe, 'Project page') : ''}
</nav>`;
}

function abstractParagraphs(abstract: string): SafeHtml[] {
  return abstract
    .trim()
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim())
    .map((p) => html`<p>${renderTextWithMath(oneLine(p))}</p>`);
}

/** An extension point later features fill (similar papers, comments); hidden while empty. */
function slot({ id, title, content }: { id: string; title: string; content: SafeHtml | undefined }): SafeHtml {
  return html`<section id="${id}" class="slot" data-slot="${id}" aria-labelledby="${`${id}-heading`}"${content ? '' : html` hidden`}>
<h2 id="${`${id}-heading`}">${title}</h2>
${content ?? ''}
</section>`;
}
