// /search: results as the daily page's cards (matches marked, math rendered), facets, sorting and paging,
// "did you mean", and "paste an abstract" search by example.
import { EXPORT_CAP, type ExportFormat } from '../../citations/citations.models.js';
import { html, raw, type SafeHtml } from '../../render/html.js';
import { exportLinks } from './citation-views.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';
import { paperCard } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface FacetVM {
  label: string;
  /** Null when the query has more matches than it ranks: the value is offered without a count. */
  count: number | null;
  /** False when the count is the cap ("1,000+"), see src/search/counts.ts. */
  exact: boolean;
  href: string;
  active: boolean;
}

/** One count as every count on the page reads: "12", "1,000+". */
export function countText({ count, exact }: { count: number; exact: boolean }): string {
  return `${count.toLocaleString('en')}${exact ? '' : '+'}`;
}

export type SearchModeName = 'keyword' | 'semantic' | 'hybrid';

export interface SearchPageVM {
  chrome: ChromeVM;
  /** Where this query's results download as BibTeX, RIS or CSL-JSON (the first EXPORT_CAP). */
  exportHref?: (format: ExportFormat) => string;
  q: string;
  like: string;
  sort: 'relevance' | 'newest' | 'upvotes';
  sortHrefs: Record<'relevance' | 'newest' | 'upvotes', string>;
  cards: PaperCardVM[];
  total: number;
  totalExact: boolean;
  tookMs: number;
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
  facets: { category: FacetVM[]; year: FacetVM[]; hasCode: FacetVM[] };
  notices: string[];
  /** Ranking that answered this page. */
  mode: SearchModeName;
  modeHrefs: Record<SearchModeName, string>;
  /** Why semantic and hybrid cannot be chosen (no embedding model configured): they are shown disabled with it. */
  modesUnavailable: string | null;
  /** "Did you mean": a link to the corrected query, or (`applied`) the results shown are the corrected query's. */
  spelling: { text: string; href: string; applied: boolean; originalHref: string } | null;
  /** "Alert me about new papers" for this query (saved search in the digest), when there is a query. */
  alertMe?: SafeHtml;
  /** Why only keyword search is offered, when no embedding model is configured. */
  semanticNote: string | null;
  clearFiltersHref: string | null;
  /** Feeds of this search, when it has words or filters. */
  alternateFeeds?: FeedLinkVM[];
}

export function searchPage(vm: SearchPageVM): SafeHtml {
  const searched = vm.q.trim() !== '' || vm.like.trim() !== '' || vm.clearFiltersHref !== null;
  const body = html`<section class="period-header">
<div>
<p class="eyebrow">Search</p>
<h1>${vm.like ? 'Papers like your text' : vm.q ? html`Results for “${vm.q}”` : 'Search papers'}</h1>
${searched ? html`<p class="muted" role="status" data-total>${countText({ count: vm.total, exact: vm.totalExact })} ${vm.total === 1 && vm.totalExact ? 'paper' : 'papers'} · ${vm.tookMs.toFixed(0)} ms</p>` : ''}
${searched && vm.total > 0 && vm.exportHref ? exportLinks({ label: 'Export these results', href: vm.exportHref, capped: vm.total > EXPORT_CAP }) : ''}
</div>
</section>
<form class="search-page-form" method="get" action="/search" role="search">
<label for="q" class="visually-hidden">Search</label>
<input id="q" type="search" name="q" value="${vm.q}" maxlength="2000" placeholder='e.g. "state space model" author:gu -mixup cat:cs.LG year:2023..2024 has:code'>
<input type="hidden" name="mode" value="${vm.mode}">
<button class="button button-primary" type="submit">Search</button>
</form>
${vm.like ? '' : modeSwitch(vm)}
<details class="search-help"${vm.like ? raw(' open') : ''}>
<summary>Paste an abstract to find similar papers</summary>
<form method="get" action="/search">
<label for="like" class="visually-hidden">Abstract or text</label>
<textarea id="like" name="like" rows="6" maxlength="20000">${vm.like}</textarea>
<button class="button" type="submit">Find similar papers</button>
</form>
<p class="muted">Syntax: <code>"exact phrase"</code>, <code>-exclude</code>, <code>author:name</code>, <code>title:word</code>, <code>cat:cs.CL</code>, <code>year:2024</code> or <code>year:2020..2023</code>, <code>after:2024-01-01</code>, <code>before:…</code>, <code>has:code</code>.</p>
</details>
${vm.alertMe ?? ''}
${spellingNotice(vm)}
${vm.semanticNote ? html`<p class="notice">${vm.semanticNote}</p>` : ''}
${vm.notices.map((n) => html`<p class="notice">${n}</p>`)}
${searched ? results(vm) : ''}`;
  return layout({
    vm: {
      chrome: { ...vm.chrome, searchQuery: vm.q },
      title: vm.q ? `${vm.q} — search` : 'Search papers',
      canonicalPath: '/search',
      activeNav: 'search',
      alternateFeeds: vm.alternateFeeds,
    },
    body,
  });
}

const MODE_LABELS = { keyword: 'Keyword', semantic: 'Semantic', hybrid: 'Hybrid' } as const;

function modeSwitch(vm: SearchPageVM): SafeHtml {
  return html`<nav class="segmented search-modes" aria-label="Ranking">${(
    ['keyword', 'semantic', 'hybrid'] as const
  ).map((m) =>
    m !== 'keyword' && vm.modesUnavailable
      ? html`<span class="mode-disabled" aria-disabled="true" title="${vm.modesUnavailable}">${MODE_LABELS[m]}</span>`
      : html`<a href="${vm.modeHrefs[m]}"${m === vm.mode ? raw(' aria-current="page"') : ''}>${MODE_LABELS[m]}</a>`,
  )}</nav>${vm.modesUnavailable ? html`<p class="muted mode-reason">${vm.modesUnavailable}</p>` : ''}`;
}

function spellingNotice(vm: SearchPageVM): SafeHtml {
  const s = vm.spelling;
  if (!s) return html``;
  return s.applied
    ? html`<p class="notice spelling" data-spelling>Showing results for <a href="${s.href}"><strong>${s.text}</strong></a>. Search instead for <a href="${s.originalHref}" data-search-original>${vm.q}</a>.</p>`
    : html`<p class="notice spelling" data-spelling>Did you mean <a href="${s.href}"><strong>${s.text}</strong></a>?</p>`;
}

function results(vm: SearchPageVM): SafeHtml {
  return html`<div class="search-layout">
<aside class="facets" aria-label="Refine">
${vm.clearFiltersHref ? html`<p><a href="${vm.clearFiltersHref}">Clear filters</a></p>` : ''}
${facetList('Category', vm.facets.category)}
${facetList('Year', vm.facets.year)}
${facetList('Code', vm.facets.hasCode)}
</aside>
<div class="search-results">
${
  vm.like
    ? ''
    : html`<nav class="segmented" aria-label="Sort by">${(['relevance', 'newest', 'upvotes'] as const).map(
        (s) =>
          html`<a href="${vm.sortHrefs[s]}"${s === vm.sort ? raw(' aria-current="page"') : ''}>${
            s === 'relevance' ? 'Relevance' : s === 'newest' ? 'Newest' : 'Most upvoted'
          }</a>`,
      )}</nav>`
}
${
  vm.cards.length === 0
    ? html`<div class="empty-state"><p class="empty-title">No papers match</p><p>Try fewer or different words, or remove a filter.</p></div>`
    : html`<ol class="paper-list search-hits">${vm.cards.map((card) => html`<li>${paperCard({ card, chrome: vm.chrome })}</li>`)}</ol>`
}
${pagination({ page: vm.page, pageCount: vm.pageCount, href: vm.pageHref })}
</div>
</div>`;
}

function facetList(title: string, facets: FacetVM[]): SafeHtml {
  if (facets.length === 0) return html``;
  return html`<section class="facet"><h2>${title}</h2><ul>${facets.map(
    (f) =>
      html`<li><a href="${f.href}"${f.active ? raw(' aria-current="true"') : ''}>${f.label}</a> ${f.count === null ? '' : html`<span class="muted" data-facet-count>${countText({ count: f.count, exact: f.exact })}</span>`}</li>`,
  )}</ul></section>`;
}
