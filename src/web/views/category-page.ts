// /categories/{id}: the newest papers of one arXiv category (listed here or not), as the daily page's cards, with
// the category's feed, a link to search within it, and the follow button.
import { html, type SafeHtml } from '../../render/html.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';
import { paperCard } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface CategoryPageVM {
  chrome: ChromeVM;
  category: string;
  cards: PaperCardVM[];
  total: number;
  totalExact: boolean;
  page: number;
  pageCount: number;
  feeds: FeedLinkVM[];
  follow: SafeHtml;
}

export const categoryPageHref = (category: string, page = 1) =>
  `/categories/${encodeURIComponent(category)}${page > 1 ? `?page=${page}` : ''}`;

export function categoryPage(vm: CategoryPageVM): SafeHtml {
  const count = `${vm.total.toLocaleString('en')}${vm.totalExact ? '' : '+'}`;
  const body = html`<section class="period-header category-header">
<div>
<p class="eyebrow">arXiv category</p>
<h1>${vm.category}</h1>
<p class="muted">${vm.total === 1 ? '1 paper' : `${count} papers`} in this library, newest first · <a href="${`/search?${new URLSearchParams({ category: vm.category })}`}">Search within ${vm.category}</a> · <a href="${`https://arxiv.org/list/${encodeURIComponent(vm.category)}/new`}" rel="noopener">on arXiv</a></p>
</div>
${vm.follow}
</section>
${
  vm.cards.length === 0
    ? html`<div class="empty-state"><p class="empty-title">No papers in ${vm.category} yet</p><p>Papers appear here as the site harvests or lists them; follow the category to see them on /following.</p></div>`
    : html`<ol class="paper-list">${vm.cards.map((card) => html`<li>${paperCard({ card, chrome: vm.chrome })}</li>`)}</ol>`
}
${pagination({ page: vm.page, pageCount: vm.pageCount, href: (p) => categoryPageHref(vm.category, p) })}`;
  return layout({
    vm: {
      chrome: vm.chrome,
      title: `New in ${vm.category}`,
      description: `The newest arXiv papers in ${vm.category} in this library.`,
      canonicalPath: categoryPageHref(vm.category, vm.page),
      alternateFeeds: vm.feeds,
    },
    body,
  });
}
