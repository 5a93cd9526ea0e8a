// Parsing a run of snapshot lines into papers, the same code on the main thread and in the parse worker
// (parse-worker.ts). Lines travel as one byte buffer and the offsets where each line starts, so a run crosses to
// the worker as a single transferred buffer instead of a thousand strings; results come back in line order, a
// malformed line as its SnapshotLineError's parts (an Error does not cross threads with its fields). A paper comes
// with its store row (columns and content hash), computed here so that the writing thread does not; with `rowsOnly`
// (the store import, which writes rows and never looks at the Paper) only the row crosses back, with its authors'
// keys (papers.mapping PaperImportRow): the Paper's nested author, version and link objects were most of what the
// structured clone copied and the writing thread then rebuilt and collected.
import type { Paper } from '../../core/paper.js';
import { type PaperImportRow, type PaperWriteRow, paperToImportRow, paperToRow } from '../../store/papers.mapping.js';
import { SnapshotLineError, type SnapshotLineProblem } from './errors.js';
import { decodeLine } from './lines.js';
import { parseSnapshotLine } from './parse.js';

export interface LineRun {
  bytes: Uint8Array;
  /** Where line i starts in `bytes`; one entry more than there are lines (the end of the last). */
  offsets: number[];
  lineNumbers: number[];
  /** Return the store rows alone, without the papers. */
  rowsOnly?: boolean;
}

export type LineFailure = { lineNumber: number; problem: SnapshotLineProblem; detail: string };
export type ParsedLine = { paper: Paper; row: PaperWriteRow } | { row: PaperImportRow } | LineFailure;

export function parseLineRun(run: LineRun): ParsedLine[] {
  const bytes = Buffer.from(run.bytes.buffer, run.bytes.byteOffset, run.bytes.byteLength);
  return run.lineNumbers.map((lineNumber, i) => {
    const raw = bytes.subarray(run.offsets[i], run.offsets[i + 1]);
    try {
      const paper = parseSnapshotLine({ line: decodeLine(raw, lineNumber), lineNumber });
      return run.rowsOnly ? { row: paperToImportRow(paper) } : { paper, row: paperToRow(paper) };
    } catch (error) {
      if (!(error instanceof SnapshotLineError)) throw error;
      return { lineNumber, problem: error.problem, detail: error.detail };
    }
  });
}

/** Packs lines into one buffer of its own (never Node's shared pool, so it can be transferred). */
export function packLines(lines: Buffer[], lineNumbers: number[], rowsOnly = false): LineRun {
  let total = 0;
  for (const line of lines) total += line.length;
  const bytes = Buffer.allocUnsafeSlow(total);
  const offsets = [0];
  let at = 0;
  for (const line of lines) {
    line.copy(bytes, at);
    at += line.length;
    offsets.push(at);
  }
  return { bytes, offsets, lineNumbers, rowsOnly };
}

export function lineErrorOf(parsed: LineFailure): SnapshotLineError {
  return new SnapshotLineError(parsed);
}
