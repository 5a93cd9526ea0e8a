// Worker-thread entry: reads and encodes the impact lists of a rebuild (impact-index.ts rebuildInBackground) on
// its own read-only connection, so that the minutes this takes at 1M papers never hold the server's event loop.
// Each finished list is posted back; the asking thread stores it and follows the writes made meanwhile.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { rowLength } from './bm25.js';
import { commonTerms, type EncodedTerm, type EncodeSettings, encodeTerm } from './impact-encode.js';

export interface ImpactBuildRequest {
  dbFile: string;
  /** Papers in the index when the build started (the df snapshot is scaled to it) and the stop words' stems. */
  rows: number;
  stop: string[];
  settings: EncodeSettings;
  minDf: number;
}

export type ImpactBuildMessage = { term: string; encoded: EncodedTerm } | { done: true } | { error: string };

function run({ dbFile, rows, stop, settings, minDf }: ImpactBuildRequest) {
  const db = new Database(dbFile, { readonly: true });
  try {
    db.pragma('cache_size = -16384');
    db.exec('CREATE VIRTUAL TABLE temp.impact_instance USING fts5vocab(main, fts, instance)');
    const instances = db.prepare('SELECT doc, col FROM temp.impact_instance WHERE term = ?').raw();
    const docSize = db.prepare('SELECT sz FROM fts_docsize WHERE id = ?').pluck();
    const maxId = Number(db.prepare('SELECT coalesce(max(id), 0) FROM fts_docsize').pluck().get());
    const lengths = new Uint32Array(maxId + 1);
    for (const [id, sz] of db.prepare('SELECT id, sz FROM fts_docsize').raw().iterate() as Iterable<[number, Buffer]>) {
      lengths[id] = rowLength(sz);
    }
    // Papers written after the lengths were read: the thread that asked skips them in these lists anyway.
    const lengthOf = (id: number) =>
      lengths[id] || rowLength((docSize.get(id) as Buffer | undefined) ?? Buffer.alloc(0));
    for (const term of commonTerms(db, { rows, minDf, stop: new Set(stop) })) {
      const encoded = encodeTerm(instances.all(term) as [number, string][], lengthOf, settings, minDf);
      if (encoded) parentPort?.postMessage({ term, encoded } satisfies ImpactBuildMessage);
    }
    parentPort?.postMessage({ done: true } satisfies ImpactBuildMessage);
  } finally {
    db.close();
  }
}

try {
  run(workerData as ImpactBuildRequest);
} catch (error) {
  parentPort?.postMessage({
    error: error instanceof Error ? error.message : String(error),
  } satisfies ImpactBuildMessage);
}
