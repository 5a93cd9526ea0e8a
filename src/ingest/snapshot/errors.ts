// Errors of the snapshot importer. A bad line is reported with its number and what is wrong so an operator
// can find it in a multi-GB file; a file that is not JSON Lines at all is refused before anything is written.

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

export class SnapshotLineError extends Error {
  override readonly name = 'SnapshotLineError';
  readonly code: `snapshot.${SnapshotLineProblem}`;
  readonly problem: SnapshotLineProblem;
  readonly lineNumber: number;

  constructor(opts: { lineNumber: number; problem: SnapshotLineProblem; detail: string }) {
    super(`line ${opts.lineNumber}: ${opts.detail}`);
    this.lineNumber = opts.lineNumber;
    this.problem = opts.problem;
    this.code = `snapshot.${opts.problem}`;
  }
}

export class NotJsonLinesError extends Error {
  override readonly name = 'NotJsonLinesError';
  readonly code = 'snapshot.not_json_lines';
  readonly path: string;

  constructor(opts: { path: string; reason: string }) {
    super(
      `${opts.path} is not an arXiv metadata snapshot in JSON Lines format (one JSON object per line): ${opts.reason}`,
    );
    this.path = opts.path;
  }
}

/** The file ended or broke off in a way no line-level recovery can fix (corrupt gzip, I/O error). */
export class SnapshotReadError extends Error {
  override readonly name = 'SnapshotReadError';
  readonly code = 'snapshot.read_failed';
  readonly lineNumber: number;

  constructor(opts: { path: string; lineNumber: number; cause: unknown }) {
    const reason = opts.cause instanceof Error ? opts.cause.message : String(opts.cause);
    super(`reading ${opts.path} failed after line ${opts.lineNumber}: ${reason}`, { cause: opts.cause });
    this.lineNumber = opts.lineNumber;
  }
}
