// The search page's view model: one search (by words, or by example), its cards, facets, spelling hint, feeds and
// the links that change one parameter at a time. The route only parses, calls `searchPageVM` and renders.
import type { ExportFormat } from '../../citations/citations.models.js';
import type { Viewer } from '../../community/viewer.models.js';
import { papersLikeText, type SearchPageResult, searchPapers } from '../../papers/search.usecases.js';
import type { Services } from '../../services.js';
import { categoryFeedLinks, searchFeedLinks } from '../feeds/feed-links.js';
import { exampleText, type SearchQueryString, toSearchRequest } from '../search-query.js';
import { alertMeControl } from '../views/digest-subscribe-form.js';
import type { SearchPageVM } from '../views/search-page.js';
import type { ChromeVM } from '../views/view-models.js';
import { perViewer } from '../views/viewer-parts.js';
import { searchCards } from './search-cards.js';

/** The deepest page the page links to (and the query schema accepts). */
const MAX_PAGE = 500;
/** Facet values listed per facet. */
const FACET_VALUES = 12;

/** Why semantic and hybrid are shown disabled: no embedding provider is configured. */
export function semanticUnavailable(): string {
  return 'Semantic and hybrid search need an embedding model, and none is configured on this site (embeddings.provider=none).';
}

/** The page's own URL with some parameters changed (defaults left out, page reset unless named). */
export function searchHref(q: SearchQueryString, change: Partial<SearchQueryString>): string {
  const merged = { ...q, page: undefined, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (
      v === undefined ||
      v === null ||
      v === '' ||
      (k === 'sort' && v === 'relevance') ||
      (k === 'page' && v === 1) ||
      (k === 'spell' && v !== false)
    )
      continue;
    params.set(k, String(v));
  }
  return `/search?${params}`;
}

type Deps = Pick<Services, 'store' | 'search' | 'embeddings' | 'config'>;
type BaseVM = Omit<SearchPageVM, 'cards' | 'total' | 'totalExact' | 'tookMs' | 'pageCount' | 'facets' | 'notices'>;

function baseVM({ deps, chrome, q }: { deps: Deps; chrome: ChromeVM; q: SearchQueryString }): BaseVM {
  const filtered = q.category !== undefined || q.year !== undefined || q.has_code !== undefined;
  return {
    chrome,
    q: q.q ?? '',
    like: q.like ?? '',
    sort: q.sort ?? 'relevance',
    sortHrefs: {
      relevance: searchHref(q, { sort: 'relevance' }),
      newest: searchHref(q, { sort: 'newest' }),
      upvotes: searchHref(q, { sort: 'upvotes' }),
    },
    page: q.page ?? 1,
    pageHref: (n: number) => searchHref(q, { page: n }),
    mode: q.mode ?? deps.config.search.defaultMode,
    modesUnavailable: deps.embeddings.model ? null : semanticUnavailable(),
    spelling: null,
    modeHrefs: {
      keyword: searchHref(q, { mode: 'keyword' }),
      semantic: searchHref(q, { mode: 'semantic' }),
      hybrid: searchHref(q, { mode: 'hybrid' }),
    },
    semanticNote: null,
    alertMe: perViewer(chrome, (c) =>
      alertMeControl({
        chrome: c,
        query: q.q ?? '',
        category: q.category ?? null,
        hasCode: q.has_code === true,
        back: searchHref(q, {}),
      }),
    ),
    exportHref: (format: ExportFormat) => searchHref(q, {}).replace('/search?', `/search/export.${format}?`),
    clearFiltersHref: filtered ? searchHref(q, { category: undefined, year: undefined, has_code: undefined }) : null,
    alternateFeeds:
      !q.like?.trim() && (q.q?.trim() || filtered)
        ? [...searchFeedLinks(q), ...(q.category ? categoryFeedLinks(q.category) : [])]
        : undefined,
  };
}

/** Facet links: choosing a value filters by it, choosing the active one again clears it. */
function facetsVM(q: SearchQueryString, facets: SearchPageResult['facets']): SearchPageVM['facets'] {
  const activeCategory = (value: string) => q.category?.toLowerCase() === value.toLowerCase();
  return {
    category: facets.category.slice(0, FACET_VALUES).map((f) => ({
      label: f.value,
      count: f.count,
      exact: f.exact,
      active: activeCategory(f.value),
      href: searchHref(q, { category: activeCategory(f.value) ? undefined : f.value }),
    })),
    year: facets.year.slice(0, FACET_VALUES).map((f) => ({
      label: String(f.value),
      count: f.count,
      exact: f.exact,
      active: q.year === f.value,
      href: searchHref(q, { year: q.year === f.value ? undefined : f.value }),
    })),
    hasCode: facets.hasCode
      .filter((f) => f.value)
      .map((f) => ({
        label: 'Has code',
        count: f.count,
        exact: f.exact,
        active: q.has_code === true,
        href: searchHref(q, { has_code: q.has_code ? undefined : true }),
      })),
  };
}

function spellingVM(q: SearchQueryString, spelling: SearchPageResult['spelling']): SearchPageVM['spelling'] {
  if (!spelling) return null;
  return {
    text: spelling.text,
    applied: spelling.applied,
    href: searchHref(q, { q: spelling.text, spell: undefined }),
    // The query exactly as typed, without a second correction (see searchPapers' `spell`).
    originalHref: searchHref(q, { spell: false }),
  };
}

/** "Papers like this text": one page of the nearest papers, no facets. */
async function exampleVM(opts: { deps: Deps; viewer: Viewer | null; base: BaseVM; text: string; pageSize: number }) {
  const { deps } = opts;
  const started = performance.now();
  const papers = await papersLikeText(deps.store, deps.search, opts.text, opts.pageSize, deps.embeddings);
  return {
    ...opts.base,
    cards: await searchCards({ store: deps.store, viewer: opts.viewer, items: papers.map((paper) => ({ paper })) }),
    total: papers.length,
    totalExact: true,
    tookMs: performance.now() - started,
    pageCount: 1,
    facets: { category: [], year: [], hasCode: [] },
    notices: [],
  };
}

export async function searchPageVM(opts: {
  deps: Deps;
  chrome: ChromeVM;
  viewer: Viewer | null;
  q: SearchQueryString;
}): Promise<SearchPageVM> {
  const { deps, q, viewer } = opts;
  const pageSize = deps.config.search.pageSize;
  const base = baseVM(opts);
  const example = exampleText(q);
  if (example !== null) return exampleVM({ deps, viewer, base, text: example, pageSize });
  const request = toSearchRequest(q, {
    limit: pageSize,
    defaultMode: deps.config.search.defaultMode,
    embeddings: deps.embeddings,
  });
  const result = await searchPapers(deps.store, deps.search, request);
  return {
    ...base,
    mode: result.mode,
    semanticNote: result.semanticNote,
    spelling: spellingVM(q, result.spelling),
    cards: await searchCards({ store: deps.store, viewer, items: result.items }),
    total: result.total,
    totalExact: result.totalExact,
    tookMs: result.tookMs,
    pageCount: Math.max(1, Math.min(MAX_PAGE, Math.ceil(result.total / pageSize))),
    facets: facetsVM(q, result.facets),
    notices: result.query.notices.map((n) => `“${n.text}” was read as plain text (${n.reason.replace(/_/g, ' ')}).`),
  };
}
