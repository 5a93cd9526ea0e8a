// /authors/{slug}: every paper of one author in this library, newest first, as the same cards as the daily page,
// with the people they wrote with most and the author's feed.

import { EXPORT_CAP } from '../../citations/citations.models.js';
import type { CoAuthor } from '../../papers/authors.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { exportLinks } from './citation-views.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';
import { paperCard } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface AuthorPageVM {
  chrome: ChromeVM;
  name: string;
  /** Canonical path of the page ("/authors/paul-levy"). */
  path: string;
  otherSpellings: string[];
  total: number;
  cards: PaperCardVM[];
  page: number;
  pageCount: number;
  coAuthors: CoAuthor[];
  alternateFeeds: FeedLinkVM[];
  /**
   * The follow control, once accounts can follow authors. There is no following yet, and a button that does
   * nothing would be a lie, so pages pass nothing and nothing is shown.
   */
  follow?: SafeHtml;
}

export const authorPageHref = (path: string, page: number) => (page > 1 ? `${path}?page=${page}` : path);

export function authorPage(vm: AuthorPageVM): SafeHtml {
  const body = html`<section class="period-header author-header">
<div>
<p class="eyebrow">Author</p>
<h1>${vm.name}</h1>
<p class="muted">${vm.total === 1 ? '1 paper' : `${vm.total.toLocaleString('en')} papers`} in this library, newest first${
    vm.otherSpellings.length
      ? html` · also written ${vm.otherSpellings.map((s, i) => html`${i ? ', ' : ''}“${s}”`)}`
      : ''
  }</p>
${exportLinks({ label: 'Export these papers', href: (format) => `${vm.path}/export.${format}`, capped: vm.total > EXPORT_CAP })}
</div>
${vm.follow ?? ''}
</section>
${
  vm.coAuthors.length
    ? html`<section class="co-authors" aria-labelledby="co-authors-heading">
<h2 id="co-authors-heading">Co-authors</h2>
<ul>${vm.coAuthors.map(
        (c) =>
          html`<li><a class="author-link" href="${`/authors/${encodeURIComponent(c.key)}`}">${c.name}</a> <span class="muted">(${c.papers})</span></li>`,
      )}</ul>
</section>`
    : ''
}
<ol class="paper-list">${vm.cards.map((card) => html`<li>${paperCard({ card, chrome: vm.chrome })}</li>`)}</ol>
${pagination({ page: vm.page, pageCount: vm.pageCount, href: (p) => authorPageHref(vm.path, p) })}`;
  return layout({
    vm: {
      chrome: vm.chrome,
      title: vm.name,
      description: `Papers by ${vm.name}: ${vm.total} in this library, newest first.`,
      canonicalPath: authorPageHref(vm.path, vm.page),
      alternateFeeds: vm.alternateFeeds,
    },
    body,
  });
}
