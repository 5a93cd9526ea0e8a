// The HNSW graph (usearch: cosine, int8 quantisation) over one model's vectors: built and caught up from the
// vectors table by write sequence, saved beside the index file and loaded back. Deleting the saved files
// loses nothing: the graph is rebuilt from the table.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Index } from 'usearch';
import { createVectorReader, type VectorReader } from './vector-reader.js';

// Through require: usearch's ES module finds its native binary by walking a stack trace, which never ends inside a
// worker thread (the background builder); its CommonJS build does not need to.
const usearch = createRequire(import.meta.url)('usearch') as typeof import('usearch');

export const HNSW_TUNING = {
  // M = 16, ef = 128: recall@100 0.999 at 100k clustered 384-dim vectors (float32: 1.000 at 4× build time).
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 128,
  catchUpBatch: 20_000,
};

export interface Graph {
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

export function emptyGraph({ model, dims }: { model: string; dims: number }): Graph {
  const index = new usearch.Index({
    dimensions: dims,
    metric: usearch.MetricKind.Cos,
    quantization: usearch.ScalarKind.I8,
    connectivity: HNSW_TUNING.connectivity,
    expansion_add: HNSW_TUNING.expansionAdd,
    expansion_search: HNSW_TUNING.expansionSearch,
    multi: false,
  });
  return { model, dims, index, lastSeq: 0, savedSeq: -1 };
}

/** The graph saved for this index file and model, or null (none, another index, damaged: rebuild instead). */
export function loadGraph({ file, model, indexId }: { file: string; model: string; indexId: string }): Graph | null {
  const metaFile = `${file}.json`;
  if (!existsSync(metaFile)) return null;
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as GraphMeta;
    if (meta.model !== model || meta.indexId !== indexId || typeof meta.graph !== 'string') return null;
    const graph = emptyGraph({ model, dims: meta.dims });
    graph.index.load(path.join(path.dirname(file), meta.graph));
    return { ...graph, lastSeq: meta.lastSeq, savedSeq: meta.lastSeq };
  } catch {
    return null;
  }
}

export function saveGraph({ file, graph, indexId }: { file: string; graph: Graph; indexId: string }): void {
  if (graph.savedSeq === graph.lastSeq) return;
  const name = `${path.basename(file)}-${graph.lastSeq}`;
  const target = path.join(path.dirname(file), name);
  graph.index.save(`${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  const meta: GraphMeta = { model: graph.model, dims: graph.dims, lastSeq: graph.lastSeq, indexId, graph: name };
  writeFileSync(`${file}.json.tmp`, JSON.stringify(meta));
  renameSync(`${file}.json.tmp`, `${file}.json`);
  graph.savedSeq = graph.lastSeq;
  // Older saves of this index file are no longer referenced.
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}-`;
  for (const other of readdirSync(dir)) {
    if (other.startsWith(prefix) && other !== name && /^\d+(\.tmp)?$/.test(other.slice(prefix.length))) {
      rmSync(path.join(dir, other), { force: true });
    }
  }
}

/** Adds every vector written since the graph was last brought up to date, replacing re-embedded papers. */
export function catchUpGraph({ graph, store }: { graph: Graph; store: VectorReader }): void {
  if (store.maxSeq(graph.model) <= graph.lastSeq) return;
  for (;;) {
    const rows = store.changedSince({ model: graph.model, seq: graph.lastSeq, limit: HNSW_TUNING.catchUpBatch });
    if (rows.length === 0) return;
    const fresh = rows.filter((r) => r.vector.length === graph.dims);
    if (graph.index.size() > 0) {
      for (const r of fresh) if (graph.index.contains(BigInt(r.paperId))) graph.index.remove(BigInt(r.paperId));
    }
    if (fresh.length > 0) {
      const flat = new Float32Array(fresh.length * graph.dims);
      fresh.forEach((r, i) => {
        flat.set(r.vector, i * graph.dims);
      });
      // 0 threads = one per core.
      graph.index.add(BigUint64Array.from(fresh.map((r) => BigInt(r.paperId))), flat, 0);
    }
    graph.lastSeq = rows.at(-1)!.seq;
  }
}

/**
 * Brings the graph saved for an index file up to date with its vectors table (building it from scratch when there
 * is none) and saves it: the work of the background builder (hnsw-build-worker.ts), on its own read-only
 * connection. Returns the write sequence number the saved graph covers.
 */
export function buildSavedGraph({
  dbFile,
  graphFile,
  model,
  indexId,
}: {
  dbFile: string;
  graphFile: string;
  model: string;
  indexId: string;
}): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const reader = createVectorReader(db);
    const first = reader.changedSince({ model, seq: 0, limit: 1 })[0];
    if (!first) return 0;
    const graph = loadGraph({ file: graphFile, model, indexId }) ?? emptyGraph({ model, dims: first.vector.length });
    catchUpGraph({ graph, store: reader });
    saveGraph({ file: graphFile, graph, indexId });
    return graph.lastSeq;
  } finally {
    db.close();
  }
}
