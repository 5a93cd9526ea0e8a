// Opens the reranker for a search index: reads the model file once, and when it is missing or malformed
// says so once and keeps serving BM25 order (mode "model" becomes "off"; "prf" needs no file).
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { RerankMode } from '../search.models.js';
import type { TermStats } from '../term-stats.js';
import { readModelFile } from './model.js';
import { createReranker, type Reranker } from './reranker.js';

/** The model trained by scripts/train-reranker.ts, shipped with the package. */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../../ranking/reranker.json', import.meta.url));

export function loadReranker({
  db,
  stats,
  mode = 'off',
  modelFile,
  warn = (message: string) => process.emitWarning(message),
}: {
  db: Database.Database;
  stats: TermStats;
  mode?: RerankMode;
  modelFile?: string;
  warn?: (message: string) => void;
}): { reranker: Reranker; defaultRerank: RerankMode } {
  const { model, problem } = readModelFile(modelFile ?? DEFAULT_MODEL_FILE);
  // Only a configuration that asks for the model hears about it.
  if (problem && mode === 'model')
    warn(`search reranker model unusable (${problem}); keyword ranking stays BM25 for mode "model"`);
  return { reranker: createReranker({ db, stats, model }), defaultRerank: mode === 'model' && !model ? 'off' : mode };
}
