// Runs one typed query: plan → candidates (AND first, OR fallback; or nearest vectors; or both, fused) →
// rerank → facets → page → highlights.
import type Database from 'better-sqlite3';
import { liftAuthored, nameWords, wroteIt } from './author-name.js';
import { createBrowser } from './browse.js';
import { type Candidate, createCandidateReader, RANK_TUNING } from './candidates.js';
import { type ChosenFacets, COUNT_CAP, capped, facetsOf, onlyChosen } from './counts.js';
import { filterCondition, mergeFilters, type SqlCondition, vectorFilter } from './filters.js';
import { createHighlighter, type Highlighted } from './highlight.js';
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
import type { RerankMode, SearchHit, SearchOptions, SearchQuery, SearchResult } from './search.models.js';
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

  // A query that is a person's name ranks that person's papers first (author-name.ts).
  const liftAuthorMatches = (rows: Candidate[], name: string[] | null) => {
    if (!name) return;
    const authored = rows.filter((r) => wroteIt(r.authors, name));
    if (authored.length > 0) liftAuthored({ rows, authored });
  };

  /** Keyword candidates of a query that has text, ranked (relevance) before any re-sorting. `decide` is the
   *  filter without the page's facets: AND or OR is chosen on it, so choosing a facet never changes the semantics
   *  its count was made with. */
  const keywordRows = (args: {
    plan: QueryPlan;
    andMatch: string;
    filter: SqlCondition;
    categories: readonly string[];
    decide: SqlCondition | null;
    /** The query's bare words in order, when they may be a person's name (see author-name.ts). */
    name: string[] | null;
    rerank: { query: SearchQuery; mode: RerankMode } | null;
  }) => {
    const { plan, andMatch, filter, categories } = args;
    const orMatch = matchString({ plan, mode: 'or' })!;
    let semantics: 'and' | 'or' = plan.tryAnd ? 'and' : 'or';
    if (semantics === 'and' && args.decide && orMatch !== andMatch) {
      const hits = candidates.countUpTo({ match: andMatch, filter: args.decide, limit: PLAN_TUNING.minAndHits });
      if (hits < PLAN_TUNING.minAndHits) semantics = 'or';
    }
    // A category filter also narrows the MATCH itself; its clause must not add to the score, so the categories
    // column weighs nothing then (typed words rarely hit category codes anyway).
    const narrow = categoryClause(categories);
    const narrowed = (match: string) => (narrow ? `${narrow} AND (${match})` : match);
    const authors = args.name !== null;
    const read = (match: string, mode: 'and' | 'or') =>
      narrow
        ? candidates.read({ match: narrowed(match), filter, mode, weights: NO_CATEGORY_WEIGHT, authors })
        : candidates.read({ match, filter, mode, authors });
    let found = semantics === 'and' ? read(andMatch, 'and') : null;
    if (
      !found ||
      (!args.decide && !found.capped && found.rows.length < PLAN_TUNING.minAndHits && orMatch !== andMatch)
    ) {
      semantics = 'or';
      found = read(orMatch, 'or');
    }
    const rows = found.rows;
    rows.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
    liftByDroppedTerms(rows, unmatchedTerms({ plan, mode: semantics }));
    // The hand-over point: the top candidates, in BM25 order, go to the second stage.
    const { rerank } = args;
    if (rerank && reranker?.available(rerank.mode)) reranker.rerank({ query: rerank.query, rows, mode: rerank.mode });
    const match = narrowed(semantics === 'and' ? andMatch : orMatch);
    liftAuthorMatches(rows, args.name);
    const total = found.capped ? capped(COUNT_CAP) : capped(rows.length);
    return { rows, semantics, total: total.count, totalExact: total.exact, complete: !found.capped, match };
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
    const chosen = chosenFacets(options);
    const pageFaceted =
      chosen.category !== null || options.yearFrom != null || options.yearTo != null || chosen.hasCode !== null;

    if (andMatch === null) {
      const listing = browse({ filter, excludeMatch: exclusionMatch(plan), sort: options.sort, limit, offset });
      const texts = highlight({ match: null, paperIds: listing.rows.map((r) => r.paperId) });
      const hits = listing.rows.map((r) => toHit({ ...r, score: 0 }, texts.get(r.paperId)));
      return {
        hits,
        total: listing.total,
        totalExact: true,
        facets: onlyChosen(listing.facets, chosen),
        semantics: 'none',
        mode: 'keyword',
        tookMs: since(started),
      };
    }

    const keyword = () =>
      keywordRows({
        plan,
        andMatch,
        filter,
        categories: filters.categories,
        decide: pageFaceted ? filterCondition({ filters: query.filters, restrictTo: options.restrictTo }) : null,
        name: nameWords(query),
        rerank,
      });
    let ranked: { rows: Candidate[]; semantics: 'and' | 'or'; total: number; totalExact: boolean };
    let counting: { complete: boolean; match: string } = { complete: true, match: andMatch };
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
          : vectors.fuseWith({ keyword: keyword(), semantic: near, request: semantic });
    } else {
      const found = keyword();
      ranked = found;
      counting = found;
    }

    const { rows } = ranked;
    const facets = facetsOf({ rows, complete: counting.complete, chosen });
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
