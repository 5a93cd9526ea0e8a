// Worker-thread entry: builds or updates the saved HNSW graph of one model (see vector-search.ts). Building a
// graph over a million vectors takes minutes; on a worker thread the web server keeps answering meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { buildSavedGraph } from './hnsw-graph.js';

export interface GraphBuildRequest {
  dbFile: string;
  graphFile: string;
  model: string;
  indexId: string;
}

export type GraphBuildReply = { lastSeq: number } | { error: string };

try {
  const lastSeq = buildSavedGraph(workerData as GraphBuildRequest);
  parentPort?.postMessage({ lastSeq } satisfies GraphBuildReply);
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies GraphBuildReply);
}
