// Errors of the snapshot importer. A bad line is reported with its number and what is wrong so an operator
// can find it in a multi-GB file; a file that is not JSON Lines at all is refused before anything is written.
// Both are the operator's input (400 as AppErrors); a file that breaks off while being read is ours to report
// (500). Every code is declared once (core/errors.ts).
import { AppError, createErrorFactory, type ErrorFactory } from '../../core/errors.js';

export type SnapshotLineProblem =
  | 'not_json'
  | 'not_object'
  | 'missing_id'
  | 'bad_id'
  | 'missing_title'
  | 'missing_categories'
  | 'missing_date'
  | 'bad_date'
  | 'bad_field'
  | 'line_too_long';

const LINE_PROBLEMS: Record<SnapshotLineProblem, string> = {
  not_json: 'The line is not JSON.',
  not_object: 'The line is not a JSON object.',
  missing_id: 'The record has no arXiv id.',
  bad_id: 'The record has an unreadable arXiv id.',
  missing_title: 'The record has no title.',
  missing_categories: 'The record has no categories.',
  missing_date: 'The record has no date.',
  bad_date: 'The record has an unreadable date.',
  bad_field: 'A field of the record has the wrong type.',
  line_too_long: 'The line is longer than the longest line accepted.',
};

const lineErrors = Object.fromEntries(
  Object.entries(LINE_PROBLEMS).map(([problem, message]) => [
    problem,
    createErrorFactory({ code: `snapshot.${problem}`, status: 400, message }),
  ]),
) as Record<SnapshotLineProblem, ErrorFactory>;
const notJsonLines = createErrorFactory({
  code: 'snapshot.not_json_lines',
  status: 400,
  message: 'The file is not an arXiv metadata snapshot in JSON Lines format.',
});
const readFailed = createErrorFactory({
  code: 'snapshot.read_failed',
  status: 500,
  message: 'Reading the snapshot file failed.',
});

export class SnapshotLineError extends AppError {
  declare readonly code: `snapshot.${SnapshotLineProblem}`;
  readonly problem: SnapshotLineProblem;
  readonly lineNumber: number;
  /** What is wrong, without the line number (so a parse worker can hand the error back whole). */
  readonly detail: string;

  constructor(opts: { lineNumber: number; problem: SnapshotLineProblem; detail: string }) {
    const declared = lineErrors[opts.problem];
    super(declared.code, declared.status, `line ${opts.lineNumber}: ${opts.detail}`);
    this.lineNumber = opts.lineNumber;
    this.problem = opts.problem;
    this.detail = opts.detail;
  }
}

export class NotJsonLinesError extends AppError {
  readonly path: string;

  constructor(opts: { path: string; reason: string }) {
    super(
      notJsonLines.code,
      notJsonLines.status,
      `${opts.path} is not an arXiv metadata snapshot in JSON Lines format (one JSON object per line): ${opts.reason}`,
    );
    this.path = opts.path;
  }
}

/** The file ended or broke off in a way no line-level recovery can fix (corrupt gzip, I/O error). */
export class SnapshotReadError extends AppError {
  readonly lineNumber: number;

  constructor(opts: { path: string; lineNumber: number; cause: unknown }) {
    const reason = opts.cause instanceof Error ? opts.cause.message : String(opts.cause);
    super(readFailed.code, readFailed.status, `reading ${opts.path} failed after line ${opts.lineNumber}: ${reason}`, {
      cause: opts.cause,
    });
    this.lineNumber = opts.lineNumber;
  }
}
