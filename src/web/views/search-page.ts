// /search: keyword results with highlights, facets, sorting and paging, and "paste an abstract" search by example.
import type { StoredPaper } from '../../store/papers.mapping.js';
import { renderTextWithMath } from '../math.js';
import { authorSummary, formatDate, paperPath, plural } from './format.js';
import { html, raw, type SafeHtml, safeUrl } from './html.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';
import type { ChromeVM, FeedLinkVM } from './view-models.js';

export interface SearchHitVM {
  paper: StoredPaper;
  /** Escaped by the search index, with <mark> around matches and nothing else. */
  highlightedTitle: string | null;
  highlightedAbstract: string | null;
}

export interface FacetVM {
  label: string;
  count: number;
  href: string;
  active: boolean;
}

export interface SearchPageVM {
  chrome: ChromeVM;
  q: string;
  like: string;
  sort: 'relevance' | 'newest' | 'upvotes';
  sortHrefs: Record<'relevance' | 'newest' | 'upvotes', string>;
  hits: SearchHitVM[];
  total: number;
  totalExact: boolean;
  tookMs: number;
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
  facets: { category: FacetVM[]; year: FacetVM[]; hasCode: FacetVM[] };
  notices: string[];
  /** Ranking requested for this page (the default mode when the URL does not name one). */
  mode: 'keyword' | 'semantic' | 'hybrid';
  modeHrefs: Record<'keyword' | 'semantic' | 'hybrid', string>;
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
${searched ? html`<p class="muted" role="status">${plural({ count: vm.total, one: 'paper', many: 'papers' })}${vm.totalExact ? '' : '+'} · ${vm.tookMs.toFixed(0)} ms</p>` : ''}
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
  ).map(
    (m) => html`<a href="${vm.modeHrefs[m]}"${m === vm.mode ? raw(' aria-current="page"') : ''}>${MODE_LABELS[m]}</a>`,
  )}</nav>`;
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
  vm.hits.length === 0
    ? html`<div class="empty-state"><p class="empty-title">No papers match</p><p>Try fewer or different words, or remove a filter.</p></div>`
    : html`<ol class="search-hits">${vm.hits.map(hit)}</ol>`
}
${pagination({ page: vm.page, pageCount: vm.pageCount, href: vm.pageHref })}
</div>
</div>`;
}

function hit(h: SearchHitVM): SafeHtml {
  const { paper } = h;
  const authors = authorSummary({ authors: paper.authors });
  return html`<li class="search-hit">
<h2 class="card-title"><a href="${paperPath(paper.arxivId)}">${h.highlightedTitle ? raw(h.highlightedTitle) : renderTextWithMath(paper.title)}</a></h2>
${authors.total ? html`<p class="authors">${authors.names.join(', ')}${authors.truncated ? html` <span class="muted">et al. (${authors.total} authors)</span>` : ''}</p>` : ''}
${h.highlightedAbstract ? html`<p class="abstract-excerpt">${raw(h.highlightedAbstract)}</p>` : ''}
<div class="card-meta">
<span class="chip">${paper.primaryCategory}</span>
<span class="meta-item"><time datetime="${paper.publishedAt}">${formatDate(paper.publishedAt)}</time></span>
<span class="meta-item">arXiv:${paper.arxivId}</span>
${paper.codeUrl ? html`<a class="badge badge-code" href="${safeUrl(paper.codeUrl)}" rel="noopener nofollow">code</a>` : ''}
</div>
</li>`;
}

function facetList(title: string, facets: FacetVM[]): SafeHtml {
  if (facets.length === 0) return html``;
  return html`<section class="facet"><h2>${title}</h2><ul>${facets.map(
    (f) =>
      html`<li><a href="${f.href}"${f.active ? raw(' aria-current="true"') : ''}>${f.label}</a> <span class="muted">${f.count.toLocaleString('en')}</span></li>`,
  )}</ul></section>`;
}
