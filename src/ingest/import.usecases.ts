// "Import a snapshot into the store": the one use case behind `dailypapers import`, the demo loader, the benchmark
// and tests (as harvestIntoStore is for OAI-PMH). It owns the checkpoint — which line of which file was committed
// last — so an interrupted import resumes where it stopped, and it files the new papers under their authors once
// the bulk of the work is done (see papers.upsertMany `deferAuthors`).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { skipFollowedAuthorPapersSoFar } from '../notifications/fan-out.usecases.js';
import type { Store } from '../store/store.js';
import type { SnapshotLineError } from './snapshot/errors.js';
import { type ImportProgress, type ImportSummary, importSnapshot } from './snapshot/import.js';

/**
 * Papers per transaction: fewer, larger commits rewrite the hot index pages (arxiv_id, change_seq,
 * published_at) into the WAL fewer times — at 100k papers 10–30 % less wall time than 2,000 — while a batch
 * (≈ 5 KB a paper with its row) stays a few tens of MiB.
 */
const IMPORT_BATCH = 10_000;

export interface SnapshotImportSummary extends ImportSummary {
  /** The checkpoint the import resumed after (the last line committed by an interrupted run), or null. */
  resumedAfterLine: number | null;
  /** Papers filed under their authors after the import (0 when it was interrupted: the next start-up files them). */
  authorsFiled: number;
  /** Of durationMs, the time spent filing them. */
  authorFilingMs: number;
}

export async function importSnapshotIntoStore(opts: {
  store: Store;
  path: string;
  /** Papers per transaction; default 10,000 (`import.batchSize`). */
  batchSize?: number;
  strict?: boolean;
  /** Ignore a saved checkpoint and read the file from the start. */
  restart?: boolean;
  /** Keep a checkpoint while importing (default true); the demo loader, which runs on an empty store, does not. */
  resumable?: boolean;
  signal?: AbortSignal;
  /** Parse on a worker thread (default: for files of 8 MiB and more; see snapshot/import.ts). */
  parseInWorker?: boolean;
  /** Parse workers (default one; see snapshot/import.ts). */
  parseWorkers?: number;
  /** Called before reading when a checkpoint of an interrupted import of this file is found. */
  onResume?: (info: { lastLine: number }) => void;
  onProgress?: (progress: ImportProgress) => void;
  onMalformed?: (error: SnapshotLineError) => void;
}): Promise<SnapshotImportSummary> {
  const { store } = opts;
  const started = performance.now();
  const absolute = path.resolve(opts.path);
  const resumable = opts.resumable ?? true;
  const checkpointName = resumable ? await checkpointNameOf(absolute) : null;
  const saved =
    checkpointName && !opts.restart ? await store.checkpoints.get<{ lastLine: number }>(checkpointName) : null;
  if (saved) opts.onResume?.(saved);
  const summary = await importSnapshot({
    path: absolute,
    batchSize: opts.batchSize ?? IMPORT_BATCH,
    strict: opts.strict,
    resumeFromLine: saved ? saved.lastLine + 1 : 1,
    signal: opts.signal,
    parseInWorker: opts.parseInWorker,
    parseWorkers: opts.parseWorkers,
    // A snapshot is a catch-up, often months old: its new versions are history, not news (docs/ingest.md "Versions").
    upsertRows: (rows) => store.papers.upsertRows(rows, { deferAuthors: true, recordEvents: false }),
    onBatchCommitted: checkpointName
      ? ({ lastLine }) => store.checkpoints.set(checkpointName, { lastLine })
      : undefined,
    onProgress: opts.onProgress,
    onMalformed: opts.onMalformed,
  });
  // Old papers are not news: the followed-author notifications start after what the snapshot stored (interrupted
  // or not), as its new versions record no events.
  await skipFollowedAuthorPapersSoFar(store);
  // Interrupted: stop now, as asked; the papers already stored are filed at the next start-up (openStore).
  const filingStarted = performance.now();
  const authorsFiled = summary.aborted ? 0 : await store.papers.backfillAuthors();
  const authorFilingMs = performance.now() - filingStarted;
  if (checkpointName && !summary.aborted) await store.checkpoints.delete(checkpointName);
  return {
    ...summary,
    durationMs: performance.now() - started,
    resumedAfterLine: saved?.lastLine ?? null,
    authorsFiled,
    authorFilingMs,
  };
}

/** A checkpoint belongs to one exact file: a changed file (size or mtime) starts over. */
async function checkpointNameOf(absolute: string): Promise<string> {
  const info = await stat(absolute);
  return `import:${absolute}:${info.size}:${Math.round(info.mtimeMs)}`;
}
