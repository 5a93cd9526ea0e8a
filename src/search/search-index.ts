// The search index: its own SQLite file, derived from the store and rebuildable from it at any time.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createImpactIndex } from './impact-index.js';
import { applySchema } from './index-schema.js';
import { cleanText, createIndexWriter } from './index-writer.js';
import { createMoreLikeThis } from './more-like-this.js';
import { parseSearchQuery } from './query-parser.js';
import { loadReranker } from './rerank/load.js';
import { DEFAULT_DEPTH as RERANK_DEPTH } from './rerank/reranker.js';
import type {
  FusionSettings,
  MoreLikeThisOptions,
  RerankMode,
  SearchDocument,
  SearchOptions,
  SearchQuery,
  SearchResult,
  SimilarHit,
  SimilarOptions,
} from './search.models.js';
import { createSearcher } from './search-exec.js';
import { createSegmentMerger, type MergeResult } from './segment-merge.js';
import { createSemanticRanker } from './semantic-rank.js';
import { createSimilar } from './similar.js';
import { createSimilarCache, readTextEpoch, SIMILAR_CACHE_TUNING } from './similar-cache.js';
import { createSpeller, type SpellingSuggestion } from './spelling.js';
import { createTermStats } from './term-stats.js';
import { createVectorSearch, type VectorIndexMode } from './vector-search.js';
import { createVectorStore, type PendingText, type StoreVector } from './vector-store.js';

/** Repeated identical searches (page reloads, back button, a link shared in a chat) are served from memory. */
const RESULT_CACHE_SIZE = 500;

export interface SearchIndex {
  readonly path: string;
  upsert(docs: readonly SearchDocument[]): { written: number; removed: number };
  remove(paperIds: readonly number[]): number;
  lastSeq(): number;
  /**
   * Moves whenever what a search answers may have changed (the result cache was emptied: writes, a df refresh, new
   * lists, vectors, a merge); pages built from search results are kept per value (web/pages/shared-pages.ts).
   */
  resultsGeneration(): number;
  count(): number;
  search(query: SearchQuery, options: SearchOptions): SearchResult;
  moreLikeThis(text: string, options: MoreLikeThisOptions): SimilarHit[];
  /** "Did you mean": the user's text with misspelled words replaced by frequent index spellings, or null. */
  suggestSpelling(input: { query: SearchQuery; text: string }): SpellingSuggestion | null;
  /** Text of an indexed paper (for "similar papers" on a paper page). */
  paperText(paperId: number): string | null;
  /** How many indexed papers contain each word (through the index's own stemmer), for keyword extraction. */
  documentFrequencies(words: readonly string[]): { docCount: number; df: number[] };
  /** Refreshes the term-frequency snapshot the planner uses, when the index drifted from it (or when forced). */
  /** Refreshes the term statistics when stale, and the impact lists: at once with `force`, else in the background. */
  refreshStats(options?: { force?: boolean }): boolean;
  /** The impact-list rebuild under way in the background (refreshStats), resolving with whether it replaced the
   *  lists; null when none is. */
  impactBuild(): Promise<boolean> | null;
  /** Merges FTS5 segments into one after a bulk load; queries get faster, the call takes seconds at 1M papers. */
  optimize(): void;
  /** Whether enough full-text rows were written since the last merge that the next sync should merge. */
  mergeDue(): boolean;
  /** The same merge as optimize(), in small steps with the event loop free between them (segment-merge.ts). */
  mergeSegments(input?: { signal?: AbortSignal; pagesPerStep?: number }): Promise<MergeResult>;
  /** Brings stale precomputed similar-paper lists up to date, most recently asked first (similar-cache.ts). */
  refreshSimilar(input?: { signal?: AbortSignal; budgetMs?: number }): Promise<{ refreshed: number; dropped: number }>;
  /** The embedding model (provider id) this index serves by default; null when embeddings are off. */
  readonly semanticModel: string | null;
  /** More-like-this fused with the nearest vectors when the example has one (see similar.ts). */
  similar(options: SimilarOptions): SimilarHit[];
  /** Papers lacking a current vector of `model` (embedding job). */
  pendingEmbeddings(input: { model: string; afterPaperId: number; limit: number }): PendingText[];
  putVectors(input: {
    model: string;
    items: Array<{ paperId: number; textHash: string; vector: Float32Array }>;
  }): number;
  embeddingStatus(input: { model: string }): { embedded: number; total: number };
  /** Whether a paper is in the index (withdrawn and unknown papers are not). */
  hasPaper(paperId: number): boolean;
  /** How far this index has copied the store's vectors of `model` (its `seq`), see syncVectors. */
  storeVectorSeq(model: string): number;
  /** Copies vectors read from the store; those the index already has for the same text are skipped. */
  applyStoreVectors(input: { model: string; items: ReadonlyArray<StoreVector>; upToSeq: number }): number;
  /** Builds or updates the HNSW graph of `model` (on a worker thread when many vectors are new) and saves it
   *  beside the index file (after embedding); resolves when it is saved. */
  refreshVectorIndex(input: { model: string }): Promise<void>;
  /** Whether the HNSW graph is being built in the background (semantic queries are exact for new vectors meanwhile). */
  vectorIndexBuilding(): boolean;
  /** Which nearest-neighbour structure answers for `model`. */
  vectorIndexKind(model: string): 'exact' | 'hnsw';
  /** Copies vectors from another index file for papers whose text is unchanged (so `reindex` keeps embeddings). */
  copyVectorsFrom(input: { file: string }): number;
  close(): void;
}

export interface OpenSearchIndexOptions {
  path: string;
  vectors?: { model?: string | null; index?: VectorIndexMode; hnswMinVectors?: number };
  /** How hybrid mode and similar papers fuse keyword and vector rankings (defaults: RRF, equal weights). */
  fusion?: FusionSettings;
  /** Second stage of keyword relevance: the default mode and the model file (default: the shipped one);
   *  a model that cannot be loaded is reported once through `warn` and its mode falls back to BM25. */
  rerank?: { mode?: RerankMode; modelFile?: string; warn?: (message: string) => void };
  /** Where failures of background work (a vector graph build) are reported; they never reach a query. */
  warn?: (message: string) => void;
  /** SQLite page cache of the index in MiB (database.searchIndexCacheMb); default index-schema.ts's 64 MiB. */
  cacheMiB?: number;
}

/** Part of every precomputed list's state: a release that ranks similar papers differently bumps it. */
const SIMILAR_RANKING_VERSION = 'mlt30-example-rank-1';

const DEFAULT_FUSION: FusionSettings = { method: 'rrf', semanticWeight: 1 };

export function openSearchIndex({
  path: file,
  vectors = {},
  fusion = DEFAULT_FUSION,
  rerank = {},
  warn,
  cacheMiB,
}: OpenSearchIndexOptions): SearchIndex {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  applySchema(db);
  if (cacheMiB !== undefined) db.pragma(`cache_size = -${Math.round(cacheMiB * 1024)}`);
  const stats = createTermStats(db);
  const writer = createIndexWriter(db);
  const vectorStore = createVectorStore(db);
  const vectorSearch = createVectorSearch({
    db,
    store: vectorStore,
    dbFile: inMemory ? null : file,
    file: inMemory ? null : `${file}.hnsw`,
    indexId: String(db.prepare("SELECT value FROM meta WHERE key = 'index_id'").pluck().get()),
    settings: { mode: vectors.index ?? 'auto', hnswMinVectors: vectors.hnswMinVectors ?? 20_000 },
    warn,
  });
  const ranker = createSemanticRanker({ db, store: vectorStore, search: vectorSearch, fusion });
  const reranker = loadReranker({ db, stats, ...rerank });
  const impact = createImpactIndex(db, { file: inMemory ? null : file });
  let impactBuild: Promise<boolean> | null = null;
  const search = createSearcher({ db, stats, impact, vectors: ranker, ...reranker });
  const moreLikeThis = createMoreLikeThis({ db, stats });
  const suggestSpelling = createSpeller({ db, stats });
  const rankSimilar = createSimilar({
    db,
    moreLikeThis,
    store: vectorStore,
    search: vectorSearch,
    fusion,
    defaultModel: vectors.model ?? null,
  });
  const merger = createSegmentMerger(db);
  const similarCache = createSimilarCache(db);
  const textEpoch = readTextEpoch(db);
  const vectorSeq = db.prepare("SELECT value FROM meta WHERE key = 'vector_seq'").pluck();
  const readSeq = db.prepare("SELECT value FROM meta WHERE key = 'last_seq'").pluck();
  const countDocs = db.prepare('SELECT count(*) FROM docs').pluck();
  const readText = db.prepare('SELECT title, abstract FROM fts WHERE rowid = ?');
  const hasPaper = db.prepare('SELECT 1 FROM docs WHERE paper_id = ?').pluck();
  const cache = new Map<string, SearchResult>();
  let generation = 0;
  const forgetResults = () => {
    cache.clear();
    generation++;
  };

  // Everything a paper's similar list is a function of, besides its own text (see similar-cache.ts).
  const similarState = () => {
    const model = vectors.model ?? null;
    const base = `${SIMILAR_RANKING_VERSION}:${reranker.defaultRerank}:${textEpoch()}`;
    if (!model) return base;
    const graph = `${vectorSearch.kind(model)}:${vectorSearch.building() ? 1 : 0}`;
    return `${base}:${model}:${String(vectorSeq.get() ?? 0)}:${graph}`;
  };
  const similar = (options: SimilarOptions): SimilarHit[] => {
    const mode = options.rerank ?? reranker.defaultRerank;
    if (mode === 'off' || !reranker.reranker.available(mode)) return rankSimilar(options);
    // The stage re-orders as many candidates as it does for keyword search, not just the page's few.
    const hits = rankSimilar({ ...options, limit: Math.max(options.limit, RERANK_DEPTH) });
    reranker.reranker.rerank({ query: parseSearchQuery(options.text), rows: hits, mode });
    return hits.slice(0, options.limit);
  };
  /** A paper page's question: an indexed paper's own list, with the index's defaults. */
  const pageList = (options: SimilarOptions): number | null => {
    const id = options.paperId;
    if (id == null || (options.excludePaperId != null && options.excludePaperId !== id)) return null;
    if (options.restrictTo || options.vector || options.model != null || options.rerank != null) return null;
    return options.limit <= SIMILAR_CACHE_TUNING.depth ? id : null;
  };
  const computeList = (paperId: number, text: string) =>
    similar({ text, paperId, excludePaperId: paperId, limit: SIMILAR_CACHE_TUNING.depth });

  const changed = () => {
    forgetResults();
    stats.invalidate();
    ranker.forget();
  };

  return {
    path: file,
    upsert(docs) {
      const byId = new Map(docs.map((d) => [d.paperId, d]));
      const result = impact.track(
        docs.map((d) => d.paperId),
        () => writer.upsert(docs),
        (paperId) => indexedText(byId.get(paperId)!),
      );
      changed();
      return result;
    },
    remove(paperIds) {
      const removed = impact.track(paperIds, () => writer.remove(paperIds));
      changed();
      return removed;
    },
    lastSeq: () => Number(readSeq.get()),
    resultsGeneration: () => generation,
    count: () => Number(countDocs.get()),
    search(query, options) {
      const started = performance.now();
      // The query vector is a function of the query text and the model, both already in the key.
      const { semantic, ...rest } = options;
      const key = JSON.stringify([
        query.include,
        query.exclude,
        query.filters,
        rest,
        semantic?.model,
        semantic?.mode,
        semantic?.fusion,
      ]);
      const cached = cache.get(key);
      if (cached) {
        cache.delete(key);
        cache.set(key, cached);
        return { ...cached, tookMs: Math.round((performance.now() - started) * 100) / 100 };
      }
      const result = search(query, options);
      if (cache.size >= RESULT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, result);
      return result;
    },
    moreLikeThis: (text, options) => moreLikeThis(text, options),
    suggestSpelling: (input) => suggestSpelling(input),
    paperText(paperId) {
      const row = readText.get(paperId) as { title: string; abstract: string } | undefined;
      return row ? `${row.title}\n${row.abstract}` : null;
    },
    documentFrequencies(words) {
      const stems = stats.stems(words);
      return { docCount: stats.docCount(), df: stems.map((stem) => (stem ? stats.df(stem) : 0)) };
    },
    refreshStats({ force = false } = {}) {
      const statsStale = force || stats.isStale();
      if (statsStale) stats.refresh();
      // The impact lists follow the same rhythm: rebuilt after the syncs that wrote many papers (impact-index.ts),
      // after the df snapshot they take their terms from.
      // Asked outright (bulk callers, tests) they are rebuilt here; otherwise on a worker thread, while queries keep
      // the old lists (or the exhaustive path) and every write is followed in both.
      const impactsStale = force || impact.stale();
      if (impactsStale && force) impact.rebuild();
      else if (impactsStale && !impactBuild) {
        impactBuild = impact
          .rebuildInBackground()
          .catch((error: unknown) => {
            warn?.(
              `search: rebuilding the impact lists failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            return false;
          })
          .then((swapped) => {
            impactBuild = null;
            if (swapped) forgetResults();
            return swapped;
          });
      }
      if (statsStale || impactsStale) forgetResults();
      return statsStale || impactsStale;
    },
    optimize() {
      db.exec("INSERT INTO fts (fts) VALUES ('optimize')");
      // The merge rewrites the whole index through the WAL; give that space back now rather than at some later checkpoint.
      db.pragma('wal_checkpoint(TRUNCATE)');
      merger.merged();
      forgetResults();
    },
    mergeDue: () => merger.due(),
    mergeSegments: (input) => merger.mergeInSteps(input),
    refreshSimilar: (input = {}) =>
      similarCache.refresh({
        state: similarState,
        compute: (paperId, example) => (hasPaper.get(paperId) === undefined ? null : computeList(paperId, example)),
        ...input,
      }),
    semanticModel: vectors.model ?? null,
    similar(options) {
      const paperId = pageList(options);
      if (paperId === null) return similar(options);
      const limit = Math.min(Math.max(Math.trunc(options.limit) || 0, 1), SIMILAR_CACHE_TUNING.depth);
      const state = similarState();
      const kept = similarCache.read({ paperId, example: options.text, state, limit });
      if (kept) return kept;
      const hits = computeList(paperId, options.text);
      // A paper not in the index (yet) has no list worth keeping: its page asks again once it is indexed.
      if (hasPaper.get(paperId) !== undefined) similarCache.write({ paperId, example: options.text, state, hits });
      return hits.slice(0, limit);
    },
    pendingEmbeddings: (input) => vectorStore.pendingEmbeddings(input),
    putVectors(input) {
      const written = vectorStore.putVectors(input);
      forgetResults();
      ranker.forget();
      return written;
    },
    embeddingStatus: (input) => vectorStore.embeddingStatus(input),
    hasPaper: (paperId) => hasPaper.get(paperId) !== undefined,
    storeVectorSeq: (model) => vectorStore.storeSeq(model),
    applyStoreVectors(input) {
      const written = vectorStore.applyFromStore(input);
      if (written > 0) {
        forgetResults();
        ranker.forget();
      }
      return written;
    },
    refreshVectorIndex: (input) => vectorSearch.refresh(input),
    vectorIndexBuilding: () => vectorSearch.building(),
    vectorIndexKind: (model) => vectorSearch.kind(model),
    copyVectorsFrom({ file: from }) {
      const copied = vectorStore.copyFrom(from);
      forgetResults();
      ranker.forget();
      return copied;
    },
    impactBuild: () => impactBuild,
    close() {
      vectorSearch.close();
      impact.close();
      db.close();
    },
  };
}

/** The text the index writer stores for a document, as impact-index.ts reads it back (columns joined by U+0001). */
function indexedText(doc: SearchDocument): string | undefined {
  if (doc.withdrawn) return undefined;
  const categories = doc.categories.map((c) => c.trim()).filter((c) => c.length > 0);
  return [cleanText(doc.title), cleanText(doc.abstract), cleanText(doc.authors.join(', ')), categories.join(' ')].join(
    '\u0001',
  );
}
