// Nearest-neighbour search over paper vectors. Small corpora: an exact sqlite-vec scan with the filters in
// SQL. Large ones: a usearch HNSW graph (int8, cosine) kept in memory and saved beside the index file, with
// filters applied after the graph search and an exact scan as the fallback when a filter is so selective that
// too few graph neighbours pass it — so a filter never silently loses results. Measured on this machine
// (384 dims): exact 85 ms per 100k vectors; HNSW p95 0.5 ms at 100k with recall@100 0.999.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Index, MetricKind, ScalarKind } from 'usearch';
import type { SqlCondition, VectorFilter } from './filters.js';
import type { Neighbour, VectorStore } from './vector-store.js';

export type VectorIndexMode = 'auto' | 'exact' | 'hnsw';

export interface VectorSearchSettings {
  mode: VectorIndexMode;
  /** With mode auto, the vector count from which the HNSW graph is used. */
  hnswMinVectors: number;
}

export const HNSW_TUNING = {
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 128,
  /** Graph neighbours fetched per wanted result when a filter has to be applied afterwards. */
  filterOversample: 8,
  maxGraphK: 4096,
  catchUpBatch: 20_000,
};

interface Graph {
  model: string;
  dims: number;
  index: Index;
  lastSeq: number;
  savedSeq: number;
}

interface GraphMeta {
  model: string;
  dims: number;
  lastSeq: number;
  indexId: string;
  /** The graph file, named after its lastSeq: the meta file is replaced atomically after the graph is complete,
   *  so a crash or two processes saving at once never pair a meta with the wrong graph. */
  graph: string;
}

export function createVectorSearch({
  db,
  store,
  file,
  indexId,
  settings,
}: {
  db: Database.Database;
  store: VectorStore;
  /** Where the graph is saved (null: in memory only). */
  file: string | null;
  /** Identifies the index file, so a graph saved for another (rebuilt) index is never loaded. */
  indexId: string;
  settings: VectorSearchSettings;
}) {
  let graph: Graph | null = null;
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

  const newIndex = (dims: number) =>
    new Index({
      dimensions: dims,
      metric: MetricKind.Cos,
      quantization: ScalarKind.I8,
      connectivity: HNSW_TUNING.connectivity,
      expansion_add: HNSW_TUNING.expansionAdd,
      expansion_search: HNSW_TUNING.expansionSearch,
      multi: false,
    });

  const metaFile = `${file}.json`;
  const loadSaved = (model: string): Graph | null => {
    if (!file || !existsSync(metaFile)) return null;
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as GraphMeta;
      if (meta.model !== model || meta.indexId !== indexId) return null;
      const index = newIndex(meta.dims);
      index.load(path.join(path.dirname(file), meta.graph));
      return { model, dims: meta.dims, index, lastSeq: meta.lastSeq, savedSeq: meta.lastSeq };
    } catch {
      return null; // a damaged graph file is rebuilt from the vectors table
    }
  };

  /** Adds every vector written since the graph was built (replacing re-embedded papers). */
  const catchUp = (g: Graph) => {
    for (;;) {
      const rows = store.changedSince({ model: g.model, seq: g.lastSeq, limit: HNSW_TUNING.catchUpBatch });
      if (rows.length === 0) return;
      const fresh = rows.filter((r) => r.vector.length === g.dims);
      for (const r of fresh) if (g.index.contains(BigInt(r.paperId))) g.index.remove(BigInt(r.paperId));
      if (fresh.length > 0) {
        const flat = new Float32Array(fresh.length * g.dims);
        fresh.forEach((r, i) => {
          flat.set(r.vector, i * g.dims);
        });
        g.index.add(BigUint64Array.from(fresh.map((r) => BigInt(r.paperId))), flat, 0);
      }
      g.lastSeq = rows.at(-1)!.seq;
    }
  };

  const ensureGraph = (model: string, dims: number): Graph => {
    if (graph && (graph.model !== model || graph.dims !== dims)) graph = null;
    graph ??= loadSaved(model) ?? { model, dims, index: newIndex(dims), lastSeq: 0, savedSeq: -1 };
    if (store.maxSeq(model) > graph.lastSeq) catchUp(graph);
    return graph;
  };

  const save = () => {
    if (!file || !graph || graph.savedSeq === graph.lastSeq) return;
    const name = `${path.basename(file)}-${graph.lastSeq}`;
    const target = path.join(path.dirname(file), name);
    graph.index.save(`${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    const meta: GraphMeta = { model: graph.model, dims: graph.dims, lastSeq: graph.lastSeq, indexId, graph: name };
    writeFileSync(`${metaFile}.tmp`, JSON.stringify(meta));
    renameSync(`${metaFile}.tmp`, metaFile);
    graph.savedSeq = graph.lastSeq;
    removeGraphs({ file, keep: name });
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
    let want = Math.min(size, filtered ? k * HNSW_TUNING.filterOversample : k + 16);
    for (;;) {
      const found = g.index.search(vector, want, 0);
      const ids = Array.from(found.keys, Number);
      const ok = admit(ids, filter);
      const out: Neighbour[] = [];
      ids.forEach((id, i) => {
        if (ok.has(id) && out.length < k) out.push({ paperId: id, similarity: 1 - found.distances[i]! });
      });
      if (out.length >= k || want >= size) return out;
      if (want >= HNSW_TUNING.maxGraphK) return null;
      want = Math.min(size, want * 4, HNSW_TUNING.maxGraphK);
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
      // Too selective a filter for the graph: the exact scan over the few admitted papers is cheap and complete.
      return (
        graphKnn(g, vector, k, filter.check, filter.narrowed) ??
        store.exactKnn({ model, vector, k, filter: filter.scan })
      );
    },
    /** Builds or updates the graph for `model` and saves it (after an embedding run). */
    refresh({ model }: { model: string }) {
      countCache.delete(model);
      if (!useGraph(model)) return;
      const sample = store.changedSince({ model, seq: 0, limit: 1 })[0];
      if (!sample) return;
      ensureGraph(model, sample.vector.length);
      save();
    },
    /** Which structure answers queries for `model`. */
    kind: (model: string): 'exact' | 'hnsw' => (useGraph(model) ? 'hnsw' : 'exact'),
    close() {
      save();
      graph = null;
    },
    /** Forgets the saved graph (the index was emptied). */
    discard() {
      graph = null;
      if (file) {
        rmSync(metaFile, { force: true });
        removeGraphs({ file, keep: null });
      }
    },
  };
}

/** Deletes saved graphs of this index file other than `keep` (older saves, or all). */
function removeGraphs({ file, keep }: { file: string; keep: string | null }) {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && name !== keep && /^\d+(\.tmp)?$/.test(name.slice(prefix.length))) {
      rmSync(path.join(dir, name), { force: true });
    }
  }
}

export type VectorSearch = ReturnType<typeof createVectorSearch>;
