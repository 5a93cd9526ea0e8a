// Runs one typed query: plan → candidates (AND first, OR fallback; or nearest vectors; or both, fused) →
// rerank → facets → page → highlights.
import type Database from 'better-sqlite3';
import { createBrowser } from './browse.js';
import { type Candidate, createCandidateReader, RANK_TUNING } from './candidates.js';
import { filterCondition, mergeFilters, type SqlCondition, vectorFilter } from './filters.js';
import { createHighlighter } from './highlight.js';
import {
  categoryClause,
  exclusionMatch,
  highlightMatch,
  matchString,
  PLAN_TUNING,
  planQuery,
  type QueryPlan,
  quoteWords,
  unmatchedTerms,
} from './query-plan.js';
import type { Reranker } from './rerank/reranker.js';
import type { RerankMode, SearchFacets, SearchHit, SearchOptions, SearchQuery, SearchResult } from './search.models.js';
import type { SemanticRanker } from './semantic-rank.js';
import type { TermStats } from './term-stats.js';

/** Top candidates whose score is lifted by the very common terms that were left out of MATCH. */
const RERANK_DEPTH = 100;
const MAX_LIMIT = 200;
const MAX_OFFSET = 10_000;
/** Nearest neighbours ranked in semantic mode (pages beyond it are empty), and fused in hybrid mode. */
const SEMANTIC_DEPTH = 200;
const HYBRID_DEPTH = 100;
/** bm25() column weights when a category filter narrows the MATCH (title, abstract, authors, categories). */
const NO_CATEGORY_WEIGHT = [...RANK_TUNING.weights.slice(0, 3), 0];

export function createSearcher({
  db,
  stats,
  vectors,
  reranker = null,
  defaultRerank = 'off',
}: {
  db: Database.Database;
  stats: TermStats;
  /** Semantic and hybrid ranking; without it every search is keyword. */
  vectors?: SemanticRanker | null;
  /** Second stage over the keyword ranking's top candidates (rerank/); without it the order is BM25's. */
  reranker?: Reranker | null;
  defaultRerank?: RerankMode;
}) {
  const candidates = createCandidateReader(db);
  const highlight = createHighlighter(db);
  const browse = createBrowser(db);
  const present = db
    .prepare('SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))')
    .pluck();

  // A very common term adds FTS5's own IDF (ln((N - df + 0.5) / (df + 0.5))) to papers that contain it,
  // which is what bm25() would have given it at tf = 1; only the top candidates are checked (one seek each).
  const liftByDroppedTerms = (rows: Candidate[], dropped: { word: string; df: number }[]) => {
    if (dropped.length === 0 || rows.length === 0) return;
    const top = rows.slice(0, RERANK_DEPTH);
    const ids = JSON.stringify(top.map((r) => r.paperId));
    const n = stats.docCount();
    for (const term of dropped) {
      const idf = Math.max(Math.log((n - term.df + 0.5) / (term.df + 0.5)), 1e-6);
      const hit = new Set(present.all(quoteWords([term.word]), ids) as number[]);
      for (const r of top) if (hit.has(r.paperId)) r.score += idf;
    }
    top.sort((a, b) => b.score - a.score);
    rows.splice(0, top.length, ...top);
  };

  /** Keyword candidates of a query that has text, ranked (relevance) before any re-sorting. */
  const keywordRows = (
    plan: QueryPlan,
    andMatch: string,
    filter: SqlCondition,
    categories: readonly string[],
    rerank: { query: SearchQuery; mode: RerankMode } | null,
  ) => {
    // A category filter also narrows the MATCH itself; its clause must not add to the score, so the categories
    // column weighs nothing then (typed words rarely hit category codes anyway).
    const narrow = categoryClause(categories);
    const read = (match: string, mode: 'and' | 'or') =>
      narrow
        ? candidates.read({ match: `${narrow} AND (${match})`, filter, mode, weights: NO_CATEGORY_WEIGHT })
        : candidates.read({ match, filter, mode });
    let semantics: 'and' | 'or' = 'and';
    let found = plan.tryAnd ? read(andMatch, 'and') : null;
    const orMatch = matchString({ plan, mode: 'or' })!;
    if (!found || (!found.capped && found.rows.length < PLAN_TUNING.minAndHits && orMatch !== andMatch)) {
      semantics = 'or';
      found = read(orMatch, 'or');
    }
    const rows = found.rows;
    rows.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
    liftByDroppedTerms(rows, unmatchedTerms({ plan, mode: semantics }));
    // The hand-over point: the top candidates, in BM25 order, go to the second stage.
    if (rerank && reranker?.available(rerank.mode)) reranker.rerank({ query: rerank.query, rows, mode: rerank.mode });
    // Counting a very broad match exactly costs as much as the rest of the query, so above the cap the total
    // is estimated from document frequencies (terms assumed independent) and flagged as inexact.
    const total = found.capped
      ? estimateTotal({ plan, semantics, n: stats.docCount(), floor: rows.length })
      : rows.length;
    return { rows, semantics, total, totalExact: !found.capped };
  };

  return function search(query: SearchQuery, options: SearchOptions): SearchResult {
    const started = performance.now();
    const limit = clamp(Math.trunc(options.limit), 1, MAX_LIMIT);
    const offset = clamp(Math.trunc(options.offset), 0, MAX_OFFSET);
    const filters = mergeFilters({ typed: query.filters, options });
    const filter = filterCondition({ filters, restrictTo: options.restrictTo });
    const plan = planQuery({ query, stats });
    const andMatch = matchString({ plan, mode: 'and' });
    const semantic = options.semantic && vectors?.has(options.semantic.model) ? options.semantic : null;
    const rerankMode = options.rerank ?? defaultRerank;
    // Only a relevance order is worth the second stage; newest/upvotes re-sort the candidates anyway.
    const rerank = options.sort === 'relevance' && rerankMode !== 'off' ? { query, mode: rerankMode } : null;

    if (andMatch === null) {
      const listing = browse({ filter, excludeMatch: exclusionMatch(plan), sort: options.sort, limit, offset });
      const texts = highlight({ match: null, paperIds: listing.rows.map((r) => r.paperId) });
      const hits = listing.rows.map((r) => toHit({ ...r, score: 0 }, texts.get(r.paperId)));
      return {
        hits,
        total: listing.total,
        totalExact: true,
        facets: listing.facets,
        semantics: 'none',
        mode: 'keyword',
        tookMs: since(started),
      };
    }

    let ranked: { rows: Candidate[]; semantics: 'and' | 'or'; total: number; totalExact: boolean };
    if (semantic && vectors) {
      const depth = Math.max(offset + limit, semantic.mode === 'semantic' ? SEMANTIC_DEPTH : HYBRID_DEPTH);
      const near = vectors.neighbours({
        request: semantic,
        k: depth,
        filter: vectorFilter({ filters, restrictTo: options.restrictTo, excludeMatch: exclusionMatch(plan) }),
      });
      ranked =
        semantic.mode === 'semantic'
          ? { rows: near, semantics: 'or', total: near.length, totalExact: true }
          : vectors.fuseWith({
              keyword: keywordRows(plan, andMatch, filter, filters.categories, rerank),
              semantic: near,
              request: semantic,
            });
    } else ranked = keywordRows(plan, andMatch, filter, filters.categories, rerank);

    const { rows } = ranked;
    const facets = facetsOf(rows);
    if (options.sort === 'newest') rows.sort((a, b) => cmp(b.publishedAt, a.publishedAt) || b.score - a.score);
    else if (options.sort === 'upvotes') rows.sort((a, b) => b.upvotes - a.upvotes || b.score - a.score);
    const page = rows.slice(offset, offset + limit);
    const texts = highlight({ match: highlightMatch(plan), paperIds: page.map((r) => r.paperId) });
    const hits = page.map((r) => toHit(r, texts.get(r.paperId)));
    return {
      hits,
      total: ranked.total,
      totalExact: ranked.totalExact,
      facets,
      semantics: ranked.semantics,
      mode: semantic?.mode ?? 'keyword',
      tookMs: since(started),
    };
  };
}

function estimateTotal({
  plan,
  semantics,
  n,
  floor,
}: {
  plan: QueryPlan;
  semantics: 'and' | 'or';
  n: number;
  floor: number;
}) {
  const p = (semantics === 'and' ? plan.andTerms : plan.orTerms).map((t) => Math.min(t.df / Math.max(n, 1), 1));
  const share = semantics === 'and' ? p.reduce((a, b) => a * b, 1) : 1 - p.reduce((a, b) => a * (1 - b), 1);
  return Math.max(floor + 1, Math.round(share * n));
}

function toHit(
  row: { paperId: number; arxivId: string; score: number },
  text: { title: string; abstract: string } | undefined,
): SearchHit {
  return {
    paperId: row.paperId,
    arxivId: row.arxivId,
    score: row.score,
    highlightedTitle: text?.title ?? '',
    highlightedAbstract: text?.abstract ?? '',
  };
}

export function facetsOf(rows: readonly Candidate[]): SearchFacets {
  const cats = new Map<string, number>();
  const years = new Map<number, number>();
  let withCode = 0;
  for (const r of rows) {
    cats.set(r.primaryCategory, (cats.get(r.primaryCategory) ?? 0) + 1);
    years.set(r.year, (years.get(r.year) ?? 0) + 1);
    if (r.hasCode) withCode++;
  }
  const hasCode = [
    { value: true, count: withCode },
    { value: false, count: rows.length - withCode },
  ].filter((f) => f.count > 0);
  return {
    category: [...cats]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || cmp(a.value, b.value))
      .slice(0, 30),
    year: [...years].map(([value, count]) => ({ value, count })).sort((a, b) => b.value - a.value),
    hasCode,
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
