// Nearest-neighbour search over paper vectors. Small corpora: an exact sqlite-vec scan with the filters in
// SQL. Large ones: a usearch HNSW graph (int8, cosine) kept in memory and saved beside the index file, with
// filters applied after the graph search and an exact scan as the fallback when a filter is so selective that
// too few graph neighbours pass it — so a filter never silently loses results. Measured on this machine
// (384 dims): exact 85 ms per 100k vectors; HNSW p95 0.5 ms at 100k with recall@100 0.999.
//
// A few new vectors join the graph in place before a query. Many (a first build: minutes at 1M vectors) are
// added on a worker thread that updates the saved graph, so a web process keeps answering; until it is done,
// the vectors the graph lacks are searched exactly and merged in, so results stay complete meanwhile.

import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { startWorker } from '../core/worker-threads.js';
import type { SqlCondition, VectorFilter } from './filters.js';
import type { GraphBuildReply, GraphBuildRequest } from './hnsw-build-worker.js';
import { catchUpGraph, emptyGraph, type Graph, loadGraph, saveGraph } from './hnsw-graph.js';
import type { Neighbour, VectorStore } from './vector-store.js';

export type VectorIndexMode = 'auto' | 'exact' | 'hnsw';

export interface VectorSearchSettings {
  mode: VectorIndexMode;
  /** With mode auto, the vector count from which the HNSW graph is used. */
  hnswMinVectors: number;
}

/** Graph neighbours fetched per wanted result when a filter is applied after the graph search. */
const FILTER_OVERSAMPLE = 8;
const MAX_GRAPH_K = 4096;
/** A filter admitting fewer papers than this is answered by the exact scan of those papers at once (≤ ~10 ms):
 *  graph searches would mostly find papers the filter rejects. Measured at 1M papers, cat + year filter
 *  (559 papers): semantic p95 37 ms trying the graph first, 9.4 ms counting first. */
const EXACT_BELOW = 10_000;
/** New vectors added to the graph in place (≈ 0.3 ms each at 1M vectors); more go to the background builder. */
const IN_PLACE_MAX = 1_000;
/** After a failed background build (e.g. out of memory), the next attempt waits this long. */
const RETRY_BUILD_AFTER_MS = 10 * 60_000;

export function createVectorSearch({
  db,
  store,
  dbFile,
  file,
  indexId,
  settings,
  warn = () => {},
}: {
  db: Database.Database;
  store: VectorStore;
  /** The index file, which the background builder opens read-only (null: in memory, no background builds). */
  dbFile: string | null;
  /** Where the graph is saved (null: in memory only). */
  file: string | null;
  /** Identifies the index file, so a graph saved for another (rebuilt) index is never loaded. */
  indexId: string;
  settings: VectorSearchSettings;
  /** Reports a failed background graph build (the log, in the app). */
  warn?: (message: string) => void;
}) {
  let graph: Graph | null = null;
  let build: { model: string; worker: Worker; done: Promise<void> } | null = null;
  let lastBuildFailure = Number.NEGATIVE_INFINITY;
  const countCache = new Map<string, { count: number; at: number }>();
  const admitted = new Map<string, Database.Statement>();

  const vectorCount = (model: string) => {
    const cached = countCache.get(model);
    if (cached && performance.now() - cached.at < 10_000) return cached.count;
    const count = store.vectorCount(model);
    countCache.set(model, { count, at: performance.now() });
    return count;
  };

  const useGraph = (model: string) =>
    settings.mode === 'hnsw' ||
    (settings.mode === 'auto' && (graph?.model === model || vectorCount(model) >= settings.hnswMinVectors));

  /** Updates the saved graph on a worker thread; when it is done the next query loads it. */
  const buildInBackground = (model: string): Promise<void> => {
    if (build?.model === model) return build.done;
    if (!file || !dbFile || build) return build?.done ?? Promise.resolve();
    if (performance.now() - lastBuildFailure < RETRY_BUILD_AFTER_MS) return Promise.resolve();
    const request: GraphBuildRequest = { dbFile, graphFile: file, model, indexId };
    const worker = startWorker(new URL('./hnsw-build-worker.js', import.meta.url), request);
    const done = new Promise<void>((resolve) => {
      let saved = false;
      worker.once('message', (reply: GraphBuildReply) => {
        saved = 'lastSeq' in reply;
        // The next query loads the saved graph.
        if (saved && graph?.model === model) graph = null;
      });
      // A failure or a crash (e.g. out of memory) ends in 'exit' too: the graph stays behind, the vectors it
      // lacks are still searched exactly, and another build is tried later.
      worker.on('error', (error) =>
        warn(
          `building the vector graph of ${model} failed (${error.message}); newer vectors are searched exactly until a retry succeeds`,
        ),
      );
      worker.once('exit', () => {
        if (!saved) lastBuildFailure = performance.now();
        build = null;
        resolve();
      });
    });
    build = { model, worker, done };
    return done;
  };

  /** The graph of `model`, with recent vectors added in place when they are few, else by the background builder
   *  (then it lags behind the vectors table until the builder is done). */
  const ensureGraph = (model: string, dims: number): Graph => {
    if (graph && (graph.model !== model || graph.dims !== dims)) graph = null;
    graph ??= (file ? loadGraph({ file, model, indexId }) : null) ?? emptyGraph({ model, dims });
    const behind = store.maxSeq(model) - graph.lastSeq;
    if (behind > 0) {
      if (behind <= IN_PLACE_MAX || !dbFile) catchUpGraph({ graph, store });
      else void buildInBackground(model);
    }
    return graph;
  };

  // Never while the builder writes the same files.
  const save = () => {
    if (file && graph && !build) saveGraph({ file, graph, indexId });
  };

  /** The subset of `ids` that exist in the index and pass the filter. */
  const admit = (ids: number[], filter: SqlCondition): Set<number> => {
    let st = admitted.get(filter.sql);
    if (!st) {
      st = db
        .prepare(`SELECT d.paper_id FROM docs d WHERE d.paper_id IN (SELECT value FROM json_each(?)) AND ${filter.sql}`)
        .pluck();
      admitted.set(filter.sql, st);
    }
    return new Set(st.all(JSON.stringify(ids), ...filter.params) as number[]);
  };

  const graphKnn = (
    g: Graph,
    vector: Float32Array,
    k: number,
    filter: SqlCondition,
    filtered: boolean,
  ): Neighbour[] | null => {
    const size = g.index.size();
    if (size === 0) return [];
    let want = Math.min(size, filtered ? k * FILTER_OVERSAMPLE : k + 16);
    for (;;) {
      const found = g.index.search(vector, want, 0);
      const ids = Array.from(found.keys, Number);
      const ok = admit(ids, filter);
      const out: Neighbour[] = [];
      ids.forEach((id, i) => {
        if (ok.has(id) && out.length < k) out.push({ paperId: id, similarity: 1 - found.distances[i]! });
      });
      if (out.length >= k || want >= size) return out;
      if (want >= MAX_GRAPH_K) return null;
      want = Math.min(size, want * 4, MAX_GRAPH_K);
    }
  };

  return {
    knn({
      model,
      vector,
      k,
      filter,
    }: {
      model: string;
      vector: Float32Array;
      k: number;
      filter: VectorFilter;
    }): Neighbour[] {
      if (!useGraph(model)) return store.exactKnn({ model, vector, k, filter: filter.scan });
      const g = ensureGraph(model, vector.length);
      if (filter.narrowed && store.admittedCount({ filter: filter.scan, cap: EXACT_BELOW }) < EXACT_BELOW) {
        return store.exactKnn({ model, vector, k, filter: filter.scan });
      }
      // Still too selective for the graph after widening: the exact scan over the admitted papers is complete.
      const found =
        graphKnn(g, vector, k, filter.check, filter.narrowed) ??
        store.exactKnn({ model, vector, k, filter: filter.scan });
      if (g.lastSeq >= store.maxSeq(model)) return found;
      const recent = store.exactKnnSince({ model, vector, k, afterSeq: g.lastSeq, filter: filter.check });
      return mergeNeighbours(found, recent, k);
    },
    /** Builds or updates the graph for `model` and saves it (after an embedding run); resolves when it is saved. */
    async refresh({ model }: { model: string }): Promise<void> {
      countCache.delete(model);
      if (!useGraph(model)) return;
      const sample = store.changedSince({ model, seq: 0, limit: 1 })[0];
      if (!sample) return;
      ensureGraph(model, sample.vector.length);
      if (build) {
        await build.done;
        ensureGraph(model, sample.vector.length);
      }
      save();
    },
    /** Which structure answers queries for `model`. */
    kind: (model: string): 'exact' | 'hnsw' => (useGraph(model) ? 'hnsw' : 'exact'),
    /** Whether a background graph build is running (tests, status). */
    building: (): boolean => build !== null,
    close() {
      // A build cut short leaves the previous saved graph in place (files are replaced only when complete).
      if (build) void build.worker.terminate();
      else save();
      graph = null;
    },
  };
}

export type VectorSearch = ReturnType<typeof createVectorSearch>;

/** Top `k` of two neighbour lists; a paper in both keeps the similarity of `recent` (its newer vector). */
function mergeNeighbours(found: Neighbour[], recent: Neighbour[], k: number): Neighbour[] {
  const byPaper = new Map(found.map((n) => [n.paperId, n.similarity]));
  for (const n of recent) byPaper.set(n.paperId, n.similarity);
  return [...byPaper]
    .map(([paperId, similarity]) => ({ paperId, similarity }))
    .sort((a, b) => b.similarity - a.similarity || a.paperId - b.paperId)
    .slice(0, k);
}
