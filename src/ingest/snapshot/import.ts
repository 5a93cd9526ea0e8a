// Streams an arXiv metadata snapshot (plain or gzipped JSON Lines, several GB) into the store in batches.
// Memory stays constant: one read chunk, one line and one batch at a time, and reading waits while a
// batch is written. Resumable by line number: the caller persists `lastLine` from onBatchCommitted and
// passes `resumeFromLine: lastLine + 1` next time; the store's upsert makes any overlap harmless.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Paper } from '../../core/paper.js';
import { type PaperImportRow, type PaperWriteRow, paperToImportRow } from '../../store/papers.mapping.js';
import { NotJsonLinesError, SnapshotLineError, SnapshotReadError } from './errors.js';
import { decodeLine, describeNonJsonStart, isBlank, isGzip, LineSplitter, type RawLine, TOO_LONG } from './lines.js';
import { parseSnapshotLine } from './parse.js';
import { lineErrorOf, type ParsedLine, packLines } from './parse-lines.js';
import { ParsePool } from './parse-pool.js';

/** Below this size a file is parsed on the main thread: starting the worker would cost more than it saves. */
const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/**
 * Lines sent to the workers ahead of the one being handled: a batch and a bit. The writing thread takes a whole
 * batch in one synchronous transaction, and only the lines already sent are parsed meanwhile; with two 1 MiB chunks
 * ahead (≈ 1,300 lines) the worker sat idle through each transaction and the writer then waited for the rest of the
 * next batch, so the two threads took turns instead of overlapping (300k papers: 4.8 s of the writer's 11.3 s idle).
 * Memory stays flat: about a batch of raw lines and their rows (≈ 30 MB at 10,000 lines).
 */
const LINES_AHEAD_BEYOND_BATCH = 2_000;
/**
 * Parse workers by default: one. A second changed nothing on the 2-core machine — at 200k papers when the writer
 * was the busier thread (8.9–9.4 s against 8.5–9.7 s storing), and at 1M since the worker is (it now also folds the
 * author keys: 29.0 against 27.9 s) — and added 70–100 MiB of RSS: with two cores, a third busy thread only takes
 * turns. More help a machine with more cores (`parseWorkers`).
 */
const DEFAULT_PARSE_WORKERS = 1;

interface ReadLine {
  raw: RawLine;
  lineNumber: number;
  /** Whether the line is parsed (not skipped by resume, blank or too long). */
  parse: boolean;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportProgress {
  papers: number;
  lines: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSnapshotOptions {
  path: string;
  /**
   * Writes a batch of papers (give this or upsertRows). `rows`, when given, are the papers' store rows
   * (papers.mapping paperToRow), computed by the parse worker.
   */
  upsertBatch?: (papers: Paper[], rows?: PaperWriteRow[]) => Promise<UpsertCounts>;
  /**
   * Writes a batch of store rows (paperToImportRow), instead of upsertBatch: the Paper objects are then never built
   * on this thread nor sent by the parse worker (the store import's path).
   */
  upsertRows?: (rows: PaperImportRow[]) => Promise<UpsertCounts>;
  /** Papers per upsertBatch call; default 2000. */
  batchSize?: number;
  /** Throw on the first malformed line instead of reporting and skipping it. */
  strict?: boolean;
  /** 1-based line to start at; earlier lines are skipped unread. */
  resumeFromLine?: number;
  /** After each committed batch: every line up to `lastLine` (1-based) is done. */
  onBatchCommitted?: (info: { lastLine: number; bytesRead: number }) => Promise<void> | void;
  onProgress?: (progress: ImportProgress) => void;
  onMalformed?: (error: SnapshotLineError) => void;
  /** Aborting stops after the batch in hand is committed. */
  signal?: AbortSignal;
  /** Lines longer than this are reported as malformed; default 16 MiB (the largest real record is ~100 KB). */
  maxLineBytes?: number;
  /**
   * Parse lines on a worker thread while this one writes (default: for files of 8 MiB and more). Results are the
   * same either way; on two cores the worker takes the JSON parsing and normalising off the writing thread.
   */
  parseInWorker?: boolean;
  /** How many parse workers, when parsing on workers; default one (see DEFAULT_PARSE_WORKERS). */
  parseWorkers?: number;
}

export interface ImportSummary extends UpsertCounts {
  /** Last line number reached, skipped lines included. */
  lines: number;
  /** Papers handed to upsertBatch (after collapsing duplicate ids within a batch). */
  papers: number;
  /** Records dropped because a later line in the same batch had the same id. */
  duplicates: number;
  malformed: number;
  skippedByResume: number;
  durationMs: number;
  aborted: boolean;
}

export async function importSnapshot(opts: ImportSnapshotOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { size: totalBytes } = await stat(opts.path);
  const file = createReadStream(opts.path, { highWaterMark: 1 << 20 });
  const gunzip = (await isGzip(opts.path)) ? createGunzip() : null;
  if (gunzip) file.on('error', (error) => gunzip.destroy(error));
  const source = gunzip ? file.pipe(gunzip) : file;
  const { upsertBatch, upsertRows } = opts;
  if ((upsertBatch === undefined) === (upsertRows === undefined)) {
    throw new TypeError('importSnapshot: give exactly one of upsertBatch and upsertRows');
  }
  const rowsOnly = upsertRows !== undefined;
  const batch = new Map<string, Paper>();
  const batchRows = new Map<string, PaperWriteRow>();
  const resumeFrom = Math.max(1, opts.resumeFromLine ?? 1);
  const batchSize = Math.max(1, opts.batchSize ?? 2000);
  const splitter = new LineSplitter(opts.maxLineBytes ?? 16 * 1024 * 1024);
  const summary: ImportSummary = {
    ...{ lines: 0, papers: 0, duplicates: 0, inserted: 0, updated: 0, unchanged: 0 },
    ...{ malformed: 0, skippedByResume: 0, durationMs: 0, aborted: false },
  };
  let sawFirstLine = false;
  let parsed = 0;

  const progress = () =>
    opts.onProgress?.({ papers: parsed, lines: summary.lines, bytesRead: file.bytesRead, totalBytes });
  const commit = async (papers: Paper[], rows: PaperWriteRow[] | undefined, lastLine: number) => {
    const size = rowsOnly ? rows!.length : papers.length;
    if (size > 0) {
      const counts = upsertRows
        ? await upsertRows(rows!)
        : rows
          ? await upsertBatch!(papers, rows)
          : await upsertBatch!(papers);
      summary.papers += size;
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
    }
    await opts.onBatchCommitted?.({ lastLine, bytesRead: file.bytesRead });
    progress();
  };
  // One batch may be in flight while the next is parsed: an asynchronous store (PostgreSQL) then works
  // in parallel with parsing. Batches still commit strictly in order, so `lastLine` only moves forward.
  let inFlight: Promise<void> | null = null;
  const flush = async (how: { lastLine?: number; wait: boolean }) => {
    const papers = [...batch.values()];
    const rows = rowsOnly || batchRows.size === papers.length ? [...batchRows.values()] : undefined;
    batch.clear();
    batchRows.clear();
    await inFlight;
    const next = commit(papers, rows, how.lastLine ?? summary.lines);
    inFlight = how.wait ? null : next;
    // Awaited at the next flush; until then a failure must not count as an unhandled rejection.
    next.catch(() => {});
    if (how.wait) await next;
  };
  const handle = async (raw: RawLine, lineNumber: number, preparsed: ParsedLine | undefined) => {
    summary.lines = lineNumber;
    if (lineNumber < resumeFrom) {
      summary.skippedByResume++;
      if (raw !== TOO_LONG && !isBlank(raw)) sawFirstLine = true;
      return;
    }
    if (raw !== TOO_LONG && isBlank(raw)) return;
    const firstLine = !sawFirstLine;
    sawFirstLine = true;
    let paper: Paper | undefined;
    let row: PaperWriteRow | undefined;
    try {
      if (raw === TOO_LONG) {
        throw new SnapshotLineError({
          lineNumber,
          problem: 'line_too_long',
          detail: 'line is longer than maxLineBytes',
        });
      }
      if (preparsed === undefined) {
        paper = parseSnapshotLine({ line: decodeLine(raw, lineNumber), lineNumber });
        if (rowsOnly) row = paperToImportRow(paper);
      } else if ('problem' in preparsed) throw lineErrorOf(preparsed);
      else ({ paper, row } = preparsed as { paper?: Paper; row: PaperWriteRow });
    } catch (error) {
      if (!(error instanceof SnapshotLineError)) throw error;
      if (firstLine) refuseIfNotSnapshot(opts.path, error, raw);
      summary.malformed++;
      opts.onMalformed?.(error);
      if (opts.strict) {
        await flush({ lastLine: lineNumber - 1, wait: true });
        throw error;
      }
      return;
    }
    parsed++;
    if (rowsOnly) {
      const earlier = batchRows.get(row!.arxiv_id);
      if (earlier) summary.duplicates++;
      if (!earlier || row!.version >= earlier.version) batchRows.set(row!.arxiv_id, row!);
      if (batchRows.size >= batchSize) await flush({ wait: false });
      return;
    }
    const earlier = batch.get(paper!.arxivId);
    if (earlier) summary.duplicates++;
    if (!earlier || paper!.version >= earlier.version) {
      batch.set(paper!.arxivId, paper!);
      if (row) batchRows.set(paper!.arxivId, row);
    }
    if (batch.size >= batchSize) await flush({ wait: false });
  };

  // Lines are numbered and, with a worker, sent to be parsed as each chunk arrives; they are handled strictly in
  // order, up to a batch and a bit behind (linesAhead), so a checkpoint or a stop only ever counts lines that were
  // handled.
  const worker =
    (opts.parseInWorker ?? totalBytes >= WORKER_MIN_BYTES)
      ? new ParsePool(opts.parseWorkers ?? DEFAULT_PARSE_WORKERS)
      : null;
  const queue: Array<{ lines: ReadLine[]; parsed: Promise<ParsedLine[]> | null }> = [];
  let queuedLines = 0;
  const linesAhead = worker ? batchSize + LINES_AHEAD_BEYOND_BATCH * worker.size : 0;
  let reached = 0;
  const enqueue = (raws: RawLine[]) => {
    const lines = raws.map((raw): ReadLine => {
      const lineNumber = ++reached;
      return { raw, lineNumber, parse: lineNumber >= resumeFrom && raw !== TOO_LONG && !isBlank(raw) };
    });
    const toParse = worker ? lines.filter((l) => l.parse) : [];
    const parsed =
      worker && toParse.length > 0
        ? worker.parse(
            packLines(
              toParse.map((l) => l.raw as Buffer),
              toParse.map((l) => l.lineNumber),
              rowsOnly,
            ),
          )
        : null;
    parsed?.catch(() => {}); // awaited in order by drain; a failure must not count as unhandled meanwhile
    queue.push({ lines, parsed });
    queuedLines += lines.length;
  };
  /** Handles queued chunks until at most `keepLines` lines remain queued; true when aborted. */
  const drain = async (keepLines: number): Promise<boolean> => {
    while (queue.length > 0 && queuedLines > keepLines) {
      const group = queue.shift()!;
      queuedLines -= group.lines.length;
      const parsed = group.parsed ? await group.parsed : null;
      let next = 0;
      for (const line of group.lines) {
        await handle(line.raw, line.lineNumber, line.parse && parsed ? parsed[next++] : undefined);
        if (opts.signal?.aborted) return true;
      }
      progress();
    }
    return false;
  };

  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    if (opts.signal?.aborted) {
      summary.aborted = true;
    } else {
      await readAll();
    }
  } finally {
    file.destroy();
    gunzip?.destroy();
    await worker?.close();
  }
  summary.durationMs = performance.now() - started;
  return summary;

  async function readAll(): Promise<void> {
    let first = true;
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (cause) {
        // The incomplete last line is dropped; every complete one before it is committed first.
        if (await drain(0)) return stop();
        await flush({ wait: true });
        throw new SnapshotReadError({ path: opts.path, lineNumber: summary.lines, cause });
      }
      if (next.done) break;
      if (first && resumeFrom === 1) {
        const reason = describeNonJsonStart(next.value);
        if (reason) throw new NotJsonLinesError({ path: opts.path, reason });
      }
      first = false;
      enqueue(splitter.push(next.value));
      if (await drain(linesAhead)) return stop();
    }
    const last = splitter.end();
    if (last !== null) enqueue([last]);
    if (await drain(0)) return stop();
    await flush({ wait: true });
  }

  async function stop(): Promise<void> {
    summary.aborted = true;
    await flush({ wait: true });
  }
}

function refuseIfNotSnapshot(path: string, error: SnapshotLineError, raw: RawLine): void {
  if (error.problem === 'not_json' || error.problem === 'not_object' || error.problem === 'line_too_long') {
    const start = raw === TOO_LONG ? '' : raw.subarray(0, 80).toString('utf8');
    const hint = start.trim() === '{' ? ' (a pretty-printed JSON document?)' : '';
    throw new NotJsonLinesError({ path, reason: `${error.message}${hint}` });
  }
  // Another JSON Lines file (a BEIR corpus, an HF dump) would otherwise yield one malformed line per record.
  if (error.problem === 'missing_id') {
    throw new NotJsonLinesError({ path, reason: `the first record has no arXiv "id" (${error.message})` });
  }
}
