// The keyword ranking of a query that has text: AND or OR (query-plan.ts), then the exact BM25 top k — from the
// impact lists when they can answer (impact-topk.ts), else by FTS5 scoring every match — then the author-name
// lift and the second stage. Both paths return the same ranking: BM25 with our field weights over all the
// query's terms, ties broken by the newer paperId.
import type Database from 'better-sqlite3';
import { liftAuthored, wroteIt } from './author-name.js';
import { type Candidate, createCandidateReader, RANK_TUNING } from './candidates.js';
import { COUNT_CAP, capped, type FacetRow } from './counts.js';
import { createFacetRowReader } from './facet-rows.js';
import type { SqlCondition } from './filters.js';
import type { ImpactIndex } from './impact-index.js';
import { createImpactTopK } from './impact-topk.js';
import { categoryClause, exclusionMatch, matchString, PLAN_TUNING, type QueryPlan } from './query-plan.js';
import type { Reranker } from './rerank/reranker.js';
import type { RerankMode, SearchQuery, SearchSort } from './search.models.js';

/** bm25() column weights when a category filter narrows the MATCH (title, abstract, authors, categories). */
const NO_CATEGORY_WEIGHT = [...RANK_TUNING.weights.slice(0, 3), 0];
/** Candidates the second stage re-orders (rerank/). */
const RERANK_DEPTH = 100;

export const KEYWORD_TUNING = {
  /** Semantics the block-max lists answer (both: measured faster than FTS5 scoring every match, docs/search.md
   *  "Exact top-k at scale"). */
  impactModes: ['and', 'or'] as ('and' | 'or')[],
};

export interface KeywordRequest {
  plan: QueryPlan;
  andMatch: string;
  filter: SqlCondition;
  categories: readonly string[];
  /** The filter without the page's facets: AND or OR is chosen on it, so choosing a facet never changes the
   *  semantics its count was made with (null: decide on `filter` itself). */
  decide: SqlCondition | null;
  /** The query's bare words in order, when they may be a person's name (see author-name.ts). */
  name: string[] | null;
  rerank: { query: SearchQuery; mode: RerankMode } | null;
  /** Papers the page needs, ranked (offset + limit). */
  depth: number;
  /** Newest and most upvoted re-sort the newest matches (RANK_TUNING.candidateCap), as before issue 13. */
  sort: SearchSort;
  /** The caller counts facets off `facetRows` when given, and uses no row past the top `depth` (plain keyword
   *  search; fusion wants every keyword row). */
  facetsApart?: boolean;
}

export interface KeywordRows {
  rows: Candidate[];
  semantics: 'and' | 'or';
  total: number;
  totalExact: boolean;
  /** Whether `rows` are all the matches and below the count cap (facet counts are read off them, counts.ts). */
  complete: boolean;
  /** Every match's facet fields when `rows` holds only the top ones (facetsApart); null: count off `rows`. */
  facetRows: FacetRow[] | null;
  match: string;
}

export function createKeywordRanker({
  db,
  impact,
  reranker,
}: {
  db: Database.Database;
  impact: ImpactIndex;
  reranker: Reranker | null;
}) {
  const candidates = createCandidateReader(db);
  const facetRowsOf = createFacetRowReader(db);
  const topK = createImpactTopK({ impact });
  const excluded = db
    .prepare('SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))')
    .pluck();
  const admitted = new Map<string, Database.Statement>();
  const admit = (filter: SqlCondition, ids: number[]) => {
    let st = admitted.get(filter.sql);
    if (!st) {
      st = db
        .prepare(`SELECT d.paper_id FROM docs d WHERE d.paper_id IN (SELECT value FROM json_each(?)) AND ${filter.sql}`)
        .pluck();
      admitted.set(filter.sql, st);
    }
    return st.all(JSON.stringify(ids), ...filter.params) as number[];
  };

  const chooseSemantics = (req: KeywordRequest, orMatch: string, narrowed: (m: string) => string) => {
    if (!req.plan.tryAnd) return 'or';
    if (orMatch === req.andMatch) return 'and';
    // With page facets, AND/OR is decided without them (and without their category clause).
    const hits = req.decide
      ? candidates.countUpTo({ match: req.andMatch, filter: req.decide, limit: PLAN_TUNING.minAndHits })
      : candidates.countUpTo({ match: narrowed(req.andMatch), filter: req.filter, limit: PLAN_TUNING.minAndHits });
    return hits < PLAN_TUNING.minAndHits ? 'or' : 'and';
  };

  /** The exact top `k` from the block-max lists, with the matches counted up to the cap (all of them scored
   *  below it), or null when they cannot answer this query. */
  const fromImpacts = (req: KeywordRequest, semantics: 'and' | 'or', k: number, weights: readonly number[]) => {
    if (req.plan.must.length > 0) return null;
    const exclusions = exclusionMatch(req.plan);
    return topK({
      stems: req.plan.terms.map((t) => t.stem),
      dfs: req.plan.terms.map((t) => t.df),
      mode: semantics,
      k,
      weights,
      countTo: COUNT_CAP + 1,
      acceptsAll: req.filter.sql === '1' && !exclusions,
      accept: (ids) => {
        const ok = new Set(admit(req.filter, ids));
        if (exclusions) for (const id of excluded.all(exclusions, JSON.stringify(ids)) as number[]) ok.delete(id);
        return ok;
      },
    });
  };

  return function keywordRows(req: KeywordRequest): KeywordRows {
    const { plan, filter } = req;
    const orMatch = matchString({ plan, mode: 'or' })!;
    // A category filter also narrows the MATCH itself; its clause must not add to the score, so the categories
    // column weighs nothing then (typed words rarely hit category codes anyway).
    const narrow = categoryClause(req.categories);
    const narrowed = (match: string) => (narrow ? `${narrow} AND (${match})` : match);
    const weights = narrow ? NO_CATEGORY_WEIGHT : RANK_TUNING.weights;
    const k = Math.max(req.depth, req.rerank ? RERANK_DEPTH : 0);
    const relevance = req.sort === 'relevance';
    const listed = (mode: 'and' | 'or') => relevance && KEYWORD_TUNING.impactModes.includes(mode);
    // The lists rank and count (up to the cap) without FTS5; they hand every match over when there are few, so
    // facets are counted off all of them as on the exhaustive path. Their AND count is exact below the cap, so
    // it also decides AND or OR (the same count FTS5 would make, under the same filter) — unless page facets ask
    // for the decision without them.
    let fast: ReturnType<typeof fromImpacts> = null;
    let semantics: 'and' | 'or' | null = null;
    if (req.plan.tryAnd && orMatch !== req.andMatch && req.decide === null && listed('and')) {
      fast = fromImpacts(req, 'and', k, weights);
      if (fast && fast.matches < PLAN_TUNING.minAndHits) {
        semantics = 'or';
        fast = listed('or') ? fromImpacts(req, 'or', k, weights) : null;
      } else if (fast) semantics = 'and';
    }
    if (semantics === null) {
      semantics = chooseSemantics(req, orMatch, narrowed);
      fast = listed(semantics) ? fromImpacts(req, semantics, k, weights) : null;
    }
    const match = narrowed(semantics === 'and' ? req.andMatch : orMatch);
    // Up to COUNT_CAP matches are cheap to score outright, and then facets are counted off every match.
    const counted = fast ? fast.matches : candidates.countUpTo({ match, filter, limit: COUNT_CAP + 1 });
    const read = () => {
      const cap = relevance ? null : RANK_TUNING.candidateCap[semantics];
      return candidates.read({ match, filter, mode: semantics, weights, authors: req.name !== null, cap });
    };
    // Past the count cap facets are not counted, so only the top k are needed from FTS5 as well.
    const exhaustiveTop =
      !fast && relevance && counted > COUNT_CAP
        ? candidates.rowsOf(candidates.topOf({ match, filter, k, weights }))
        : null;
    // All the matches are counted for facets, but only the top k are shown: the others need only their facet
    // fields. A name query shows the person's papers wherever they rank (liftAuthored), so those come as full rows
    // too, with the best paper they did not write (the lift is measured against it).
    const apart = fast?.all && req.facetsApart && !req.rerank ? fast.all : null;
    const facetRows = apart
      ? facetRowsOf(
          apart.map((h) => h.paperId),
          { authors: req.name !== null },
        )
      : null;
    let shownHits = fast?.hits ?? [];
    if (apart && req.name) {
      const name = req.name;
      const wrote = new Set(facetRows!.filter((r) => wroteIt(r.authors, name)).map((r) => r.paperId));
      const bestOther = apart.find((h) => !wrote.has(h.paperId));
      const extra = new Set([...wrote, ...(bestOther ? [bestOther.paperId] : []), ...shownHits.map((h) => h.paperId)]);
      shownHits = apart.filter((h) => extra.has(h.paperId));
    }
    const found = fast
      ? {
          rows: candidates.rowsOf(apart ? shownHits : (fast.all ?? fast.hits), { authors: req.name !== null }),
          capped: fast.all === null,
        }
      : exhaustiveTop
        ? { rows: exhaustiveTop, capped: true }
        : read();
    const rows = found.rows;
    rows.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
    // The hand-over point: the top candidates, in BM25 order, go to the second stage.
    const { rerank } = req;
    if (rerank && reranker?.available(rerank.mode)) reranker.rerank({ query: rerank.query, rows, mode: rerank.mode });
    if (req.name) {
      const name = req.name;
      const authored = rows.filter((r) => wroteIt(r.authors, name));
      if (authored.length > 0) liftAuthored({ rows, authored });
    }
    const total = capped(counted);
    return {
      rows,
      semantics,
      total: total.count,
      totalExact: total.exact,
      complete: !found.capped && total.exact,
      match,
      facetRows,
    };
  };
}
