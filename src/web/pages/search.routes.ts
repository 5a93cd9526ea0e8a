import type { FastifyInstance } from 'fastify';
import type { ExportFormat } from '../../citations/citations.models.js';
import { papersLikeText, searchPapers } from '../../papers/search.usecases.js';
import type { SearchMode, SearchSort } from '../../search/search.models.js';
import type { Services } from '../../services.js';
import { categoryFeedLinks, searchFeedLinks } from '../feeds/feed-links.js';
import { pageChrome } from '../plugins/chrome.js';
import { alertMeControl } from '../views/digest-subscribe-form.js';
import { type SearchPageVM, searchPage } from '../views/search-page.js';
import { searchCards } from './search-cards.js';

/** Why semantic and hybrid are shown disabled: no embedding provider is configured. */
export function semanticUnavailable(): string {
  return 'Semantic and hybrid search need an embedding model, and none is configured on this site (embeddings.provider=none).';
}

export interface SearchQueryString {
  q?: string;
  like?: string;
  category?: string;
  year?: number;
  has_code?: boolean;
  sort?: SearchSort;
  page?: number;
  mode?: SearchMode;
  /** false: search the text exactly as typed, without replacing it by a spelling correction when it finds nothing. */
  spell?: boolean;
}

/** The search page's query parameters; the JSON API takes the same ones plus `limit`. */
export const searchQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 2000, default: '' },
    like: { type: 'string', maxLength: 20000 },
    category: { type: 'string', pattern: '^[A-Za-z-]+(\\.[A-Za-z-]+)?$', description: 'arXiv category, e.g. cs.CL' },
    year: { type: 'integer', minimum: 1990, maximum: 2100 },
    has_code: { type: 'boolean' },
    sort: { type: 'string', enum: ['relevance', 'newest', 'upvotes'], default: 'relevance' },
    page: { type: 'integer', minimum: 1, maximum: 500, default: 1 },
    spell: {
      type: 'boolean',
      description:
        'false: when the query finds nothing, do not answer with the results of its spelling correction (the suggestion is still returned)',
    },
    mode: {
      type: 'string',
      enum: ['keyword', 'semantic', 'hybrid'],
      description:
        'Ranking: keyword (BM25), semantic (embeddings) or hybrid (fused); default: the site setting search.defaultMode',
    },
  },
} as const;

const PAGE_SIZE = 20;

function searchHref(q: SearchQueryString, change: Partial<SearchQueryString>): string {
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

export async function searchRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { store, search } = opts.services;

  app.get<{ Querystring: SearchQueryString }>(
    '/search',
    { schema: { hide: true, querystring: searchQuerySchema } },
    async (request, reply) => {
      const q = request.query;
      const page = q.page ?? 1;
      const sort = q.sort ?? 'relevance';
      const mode = q.mode ?? opts.services.config.search.defaultMode;
      const chrome = await pageChrome(request, reply, opts.services);
      const filtered = q.category !== undefined || q.year !== undefined || q.has_code !== undefined;
      const base = {
        chrome,
        q: q.q ?? '',
        like: q.like ?? '',
        sort,
        sortHrefs: {
          relevance: searchHref(q, { sort: 'relevance' }),
          newest: searchHref(q, { sort: 'newest' }),
          upvotes: searchHref(q, { sort: 'upvotes' }),
        },
        page,
        pageHref: (n: number) => searchHref(q, { page: n }),
        mode: mode as SearchMode,
        modesUnavailable: opts.services.embeddings.model ? null : semanticUnavailable(),
        spelling: null as SearchPageVM['spelling'],
        modeHrefs: {
          keyword: searchHref(q, { mode: 'keyword' }),
          semantic: searchHref(q, { mode: 'semantic' }),
          hybrid: searchHref(q, { mode: 'hybrid' }),
        },
        semanticNote: null as string | null,
        alertMe: alertMeControl({
          chrome,
          query: q.q ?? '',
          category: q.category ?? null,
          hasCode: q.has_code === true,
          back: searchHref(q, {}),
        }),
        exportHref: (format: ExportFormat) => searchHref(q, {}).replace('/search?', `/search/export.${format}?`),
        clearFiltersHref: filtered
          ? searchHref(q, { category: undefined, year: undefined, has_code: undefined })
          : null,
        alternateFeeds:
          !q.like?.trim() && (q.q?.trim() || filtered)
            ? [...searchFeedLinks(q), ...(q.category ? categoryFeedLinks(q.category) : [])]
            : undefined,
      };
      let vm: Parameters<typeof searchPage>[0];
      if (q.like?.trim()) {
        const started = performance.now();
        const papers = await papersLikeText(store, search, q.like, PAGE_SIZE, opts.services.embeddings);
        vm = {
          ...base,
          cards: await searchCards({ store, viewer: request.viewer, items: papers.map((paper) => ({ paper })) }),
          total: papers.length,
          totalExact: true,
          tookMs: performance.now() - started,
          pageCount: 1,
          facets: { category: [], year: [], hasCode: [] },
          notices: [],
        };
      } else {
        const result = await searchPapers(store, search, {
          text: q.q ?? '',
          mode,
          spell: q.spell !== false,
          embeddings: opts.services.embeddings,
          options: {
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
            sort,
            category: q.category ?? null,
            yearFrom: q.year ?? null,
            yearTo: q.year ?? null,
            hasCode: q.has_code ?? null,
          },
        });
        vm = {
          ...base,
          mode: result.mode,
          semanticNote: result.semanticNote,
          spelling: result.spelling
            ? {
                text: result.spelling.text,
                applied: result.spelling.applied,
                href: searchHref(q, { q: result.spelling.text, spell: undefined }),
                // The query exactly as typed, without a second correction (see searchPapers' `spell`).
                originalHref: searchHref(q, { spell: false }),
              }
            : null,
          cards: await searchCards({ store, viewer: request.viewer, items: result.items }),
          total: result.total,
          totalExact: result.totalExact,
          tookMs: result.tookMs,
          pageCount: Math.max(1, Math.min(500, Math.ceil(result.total / PAGE_SIZE))),
          facets: {
            category: result.facets.category.slice(0, 12).map((f) => ({
              label: f.value,
              count: f.count,
              exact: f.exact,
              active: q.category?.toLowerCase() === f.value.toLowerCase(),
              href: searchHref(q, {
                category: q.category?.toLowerCase() === f.value.toLowerCase() ? undefined : f.value,
              }),
            })),
            year: result.facets.year.slice(0, 12).map((f) => ({
              label: String(f.value),
              count: f.count,
              exact: f.exact,
              active: q.year === f.value,
              href: searchHref(q, { year: q.year === f.value ? undefined : f.value }),
            })),
            hasCode: result.facets.hasCode
              .filter((f) => f.value)
              .map((f) => ({
                label: 'Has code',
                count: f.count,
                exact: f.exact,
                active: q.has_code === true,
                href: searchHref(q, { has_code: q.has_code ? undefined : true }),
              })),
          },
          notices: result.query.notices.map(
            (n) => `“${n.text}” was read as plain text (${n.reason.replace(/_/g, ' ')}).`,
          ),
        };
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(searchPage(vm).toString());
    },
  );
}
