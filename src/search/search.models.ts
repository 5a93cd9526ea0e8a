// Pure types of the search domain. The index is derived from the store: every document carries the store's
// paperId and the changeSeq at which the store last changed it.

export interface SearchDocument {
  paperId: number;
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  primaryCategory: string;
  /** ISO-8601 publication date (v1). */
  publishedAt: string;
  hasCode: boolean;
  upvotes: number;
  withdrawn: boolean;
  changeSeq: number;
}

/** A searchable field a user may name with `field:value`. */
export type TextField = 'title' | 'abstract' | 'author';

/** One unit of user text after parsing: a bare word or a quoted phrase, optionally bound to a field. */
export interface QueryClause {
  kind: 'term' | 'phrase';
  /** Normalised words (letters and digits only); a term has exactly one, a phrase one or more. */
  words: string[];
  field: TextField | null;
}

/** Part of the user's text that could not be used as written, kept so the UI can say why. */
export interface QueryNotice {
  text: string;
  reason: 'unknown_field' | 'invalid_value' | 'empty_value' | 'unbalanced_quote' | 'too_long';
}

/** The typed query. Raw user text never reaches FTS5: the MATCH string is built from `include`/`exclude` words. */
export interface SearchQuery {
  /** Clauses that must (AND) or should (OR fallback) match. */
  include: QueryClause[];
  /** Clauses whose matches are removed (`-mixup`, `-"data augmentation"`). */
  exclude: QueryClause[];
  filters: SearchFilters;
  notices: QueryNotice[];
}

export interface SearchFilters {
  /** Any of the paper's categories equals one of these (case-insensitive arXiv code, e.g. "cs.LG"). */
  categories: string[];
  yearFrom: number | null;
  yearTo: number | null;
  /** Inclusive lower bound, ISO date "YYYY-MM-DD". */
  after: string | null;
  /** Exclusive upper bound, ISO date "YYYY-MM-DD". */
  before: string | null;
  hasCode: boolean | null;
}

export type SearchSort = 'relevance' | 'newest' | 'upvotes';

export interface SearchOptions {
  limit: number;
  offset: number;
  sort: SearchSort;
  /** Structured filters (web query parameters), merged with the ones typed in the query. */
  category?: string | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  hasCode?: boolean | null;
  /** Rank only these papers (evaluation pools, "within my collection"). */
  restrictTo?: readonly number[] | null;
  /** Semantic or hybrid ranking with this query vector; absent (or no vectors of its model indexed): keyword. */
  semantic?: SemanticRequest | null;
  /** Second stage of keyword relevance ranking (src/search/rerank/); absent: the index's default. */
  rerank?: RerankMode | null;
}

/** off = BM25 order; prf = RM3 pseudo-relevance feedback; model = the learned reranker. */
export type RerankMode = 'off' | 'prf' | 'model';

export type SearchMode = 'keyword' | 'semantic' | 'hybrid';

export interface SemanticRequest {
  mode: 'semantic' | 'hybrid';
  /** Vector space of `vector` (EmbeddingProvider.id); only vectors of the same model are compared. */
  model: string;
  /** Unit-length query embedding. */
  vector: Float32Array;
  /** Overrides the index's fusion settings (evaluation sweeps). */
  fusion?: FusionSettings;
}

export interface FusionSettings {
  method: 'rrf' | 'linear';
  /** Weight of the semantic list: rrf adds w/(k + rank); linear gives (1 − w)·keyword + w·semantic (w ≤ 1). */
  semanticWeight: number;
  /** RRF's rank offset; 60 in the original paper and in most engines. */
  rrfK?: number;
}

export interface SearchHit {
  paperId: number;
  arxivId: string;
  /** Higher is better; comparable only within one result list. */
  score: number;
  /** HTML-escaped text in which matches are wrapped in <mark>; no other markup. */
  highlightedTitle: string;
  /** HTML-escaped abstract excerpt (around the matches, "…" where cut) with <mark>. */
  highlightedAbstract: string;
  /** Whole title and abstract as indexed, NOT escaped, matches between U+0002 and U+0003 (see highlight.ts). */
  marked: { title: string; abstract: string };
}

export interface FacetCount<T> {
  value: T;
  /** Under the counting rule of counts.ts: exact below 1,000, else 1,000 with `exact: false` ("1,000+"); null when
   *  the query has more matches than it ranks (the value is offered without a count). */
  count: number | null;
  exact: boolean;
}

export interface SearchFacets {
  category: FacetCount<string>[];
  year: FacetCount<number>[];
  hasCode: FacetCount<boolean>[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching papers; with `totalExact` false it is the count cap, 1,000 ("1,000+", see counts.ts). */
  total: number;
  totalExact: boolean;
  facets: SearchFacets;
  /** How the text was matched: all words, any word, or no text (filters only). */
  semantics: 'and' | 'or' | 'none';
  /** The ranking actually used: semantic/hybrid fall back to keyword when the index has no vectors of the model. */
  mode: SearchMode;
  tookMs: number;
}

export interface MoreLikeThisOptions {
  limit: number;
  excludePaperId?: number | null;
  restrictTo?: readonly number[] | null;
}

export interface SimilarOptions extends MoreLikeThisOptions {
  /** Text of the example (title + abstract of a paper, or pasted text), for the BM25 more-like-this side. */
  text: string;
  /** The example's own stored vector is used when it is an indexed paper… */
  paperId?: number | null;
  /** …or this vector (a pasted text embedded as a document). */
  vector?: Float32Array | null;
  /** Vector space; defaults to the index's configured model. */
  model?: string | null;
  /** Second stage over the similar papers, with the example's text as the query; absent: the index's default. */
  rerank?: RerankMode | null;
}

export interface SimilarHit {
  paperId: number;
  arxivId: string;
  score: number;
}

export const EMPTY_FILTERS: SearchFilters = Object.freeze({
  categories: [],
  yearFrom: null,
  yearTo: null,
  after: null,
  before: null,
  hasCode: null,
}) as SearchFilters;
