// Runs one typed query: plan → ranked rows (keyword-rank.ts: AND or OR, the exact BM25 top k; or nearest
// vectors; or both, fused) → facets → page → highlights.
import type Database from 'better-sqlite3';
import { nameWords } from './author-name.js';
import { createBrowser } from './browse.js';
import type { Candidate } from './candidates.js';
import { type ChosenFacets, type FacetRow, facetsOf, onlyChosen } from './counts.js';
import { filterCondition, mergeFilters, type SqlCondition, vectorFilter } from './filters.js';
import { createHighlighter, type Highlighted } from './highlight.js';
import type { ImpactIndex } from './impact-index.js';
import { createKeywordRanker, type KeywordRows } from './keyword-rank.js';
import { exclusionMatch, highlightMatch, matchString, planQuery, type QueryPlan } from './query-plan.js';
import type { Reranker } from './rerank/reranker.js';
import type {
  RerankMode,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchQuery,
  SearchResult,
  SemanticRequest,
} from './search.models.js';
import type { SemanticRanker } from './semantic-rank.js';
import type { TermStats } from './term-stats.js';

const MAX_LIMIT = 200;
const MAX_OFFSET = 10_000;
/** Nearest neighbours ranked in semantic mode (pages beyond it are empty), and fused in hybrid mode. */
const SEMANTIC_DEPTH = 200;
const HYBRID_DEPTH = 100;

/** What one search needs to know, worked out once from the query and the options. */
interface Prepared {
  query: SearchQuery;
  options: SearchOptions;
  limit: number;
  offset: number;
  filters: SearchFilters;
  filter: SqlCondition;
  plan: QueryPlan;
  chosen: ChosenFacets;
}

interface Ranked {
  rows: Candidate[];
  semantics: 'and' | 'or';
  total: number;
  totalExact: boolean;
  /** Facet fields of every match, when `rows` holds only the top ones (keyword-rank.ts). */
  facetRows?: FacetRow[] | null;
}

export function createSearcher({
  db,
  stats,
  impact,
  vectors,
  reranker = null,
  defaultRerank = 'off',
}: {
  db: Database.Database;
  stats: TermStats;
  /** Impact-ordered postings for the exact top k at scale (impact-index.ts). */
  impact: ImpactIndex;
  /** Semantic and hybrid ranking; without it every search is keyword. */
  vectors?: SemanticRanker | null;
  /** Second stage over the keyword ranking's top candidates (rerank/); without it the order is BM25's. */
  reranker?: Reranker | null;
  defaultRerank?: RerankMode;
}) {
  const keywordRows = createKeywordRanker({ db, impact, reranker });
  const highlight = createHighlighter(db);
  const browse = createBrowser(db);

  /** A query without text (only filters or exclusions) lists papers instead of ranking them. */
  const listing = (p: Prepared, started: number): SearchResult => {
    const found = browse({
      filter: p.filter,
      excludeMatch: exclusionMatch(p.plan),
      sort: p.options.sort,
      limit: p.limit,
      offset: p.offset,
    });
    const texts = highlight({ match: null, paperIds: found.rows.map((r) => r.paperId) });
    return {
      hits: found.rows.map((r) => toHit({ ...r, score: 0 }, texts.get(r.paperId))),
      total: found.total,
      totalExact: true,
      facets: onlyChosen(found.facets, p.chosen),
      semantics: 'none',
      mode: 'keyword',
      tookMs: since(started),
    };
  };

  const keyword = (p: Prepared, andMatch: string, facetsApart = false): KeywordRows => {
    const { query, options } = p;
    const rerankMode = options.rerank ?? defaultRerank;
    const pageFaceted =
      p.chosen.category !== null || options.yearFrom != null || options.yearTo != null || p.chosen.hasCode !== null;
    return keywordRows({
      plan: p.plan,
      andMatch,
      filter: p.filter,
      categories: p.filters.categories,
      decide: pageFaceted ? filterCondition({ filters: query.filters, restrictTo: options.restrictTo }) : null,
      name: nameWords(query),
      // Only a relevance order is worth the second stage; newest/upvotes re-sort the candidates anyway.
      rerank: options.sort === 'relevance' && rerankMode !== 'off' ? { query, mode: rerankMode } : null,
      depth: p.offset + p.limit,
      sort: options.sort,
      facetsApart,
    });
  };

  /** Semantic ranking alone, or fused with the keyword ranking (hybrid). */
  const semanticRows = (p: Prepared, andMatch: string, semantic: SemanticRequest): Ranked => {
    const depth = Math.max(p.offset + p.limit, semantic.mode === 'semantic' ? SEMANTIC_DEPTH : HYBRID_DEPTH);
    const near = vectors!.neighbours({
      request: semantic,
      k: depth,
      filter: vectorFilter({
        filters: p.filters,
        restrictTo: p.options.restrictTo,
        excludeMatch: exclusionMatch(p.plan),
      }),
    });
    if (semantic.mode === 'semantic') return { rows: near, semantics: 'or', total: near.length, totalExact: true };
    return vectors!.fuseWith({ keyword: keyword(p, andMatch), semantic: near, request: semantic });
  };

  /** Sorting, the page, its highlights. */
  const page = (p: Prepared, ranked: Ranked, complete: boolean, started: number, mode: SearchResult['mode']) => {
    const { rows } = ranked;
    const facets = facetsOf({ rows: ranked.facetRows ?? rows, complete, chosen: p.chosen });
    if (p.options.sort === 'newest') rows.sort((a, b) => cmp(b.publishedAt, a.publishedAt) || b.score - a.score);
    else if (p.options.sort === 'upvotes') rows.sort((a, b) => b.upvotes - a.upvotes || b.score - a.score);
    const shown = rows.slice(p.offset, p.offset + p.limit);
    const texts = highlight({ match: highlightMatch(p.plan), paperIds: shown.map((r) => r.paperId) });
    return {
      hits: shown.map((r) => toHit(r, texts.get(r.paperId))),
      total: ranked.total,
      totalExact: ranked.totalExact,
      facets,
      semantics: ranked.semantics,
      mode,
      tookMs: since(started),
    };
  };

  return function search(query: SearchQuery, options: SearchOptions): SearchResult {
    const started = performance.now();
    const filters = mergeFilters({ typed: query.filters, options });
    const p: Prepared = {
      query,
      options,
      limit: clamp(Math.trunc(options.limit), 1, MAX_LIMIT),
      offset: clamp(Math.trunc(options.offset), 0, MAX_OFFSET),
      filters,
      filter: filterCondition({ filters, restrictTo: options.restrictTo }),
      plan: planQuery({ query, stats }),
      chosen: chosenFacets(options),
    };
    const andMatch = matchString({ plan: p.plan, mode: 'and' });
    if (andMatch === null) return listing(p, started);
    const semantic = options.semantic && vectors?.has(options.semantic.model) ? options.semantic : null;
    if (semantic) return page(p, semanticRows(p, andMatch, semantic), true, started, semantic.mode);
    const found = keyword(p, andMatch, true);
    return page(p, found, found.complete, started, 'keyword');
  };
}

function chosenFacets(options: SearchOptions): ChosenFacets {
  return {
    category: options.category ?? null,
    year: options.yearFrom != null && options.yearFrom === options.yearTo ? options.yearFrom : null,
    hasCode: options.hasCode ?? null,
  };
}

function toHit(row: { paperId: number; arxivId: string; score: number }, text: Highlighted | undefined): SearchHit {
  return {
    paperId: row.paperId,
    arxivId: row.arxivId,
    score: row.score,
    highlightedTitle: text?.title ?? '',
    highlightedAbstract: text?.abstract ?? '',
    marked: text?.marked ?? { title: '', abstract: '' },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(n, lo), hi) : lo;
}

function since(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
