// Failures of the arXiv API (export.arxiv.org/api/query). Each code is declared once (core/errors.ts). arXiv
// refusing a query or sending something unreadable is arXiv failing us (502); ids that are not arXiv ids are the
// caller's input (400).

import { AppError, createErrorFactory, InvalidInputError } from '../../core/errors.js';

const apiError = createErrorFactory({
  code: 'arxiv.api_error',
  status: 502,
  message: 'The arXiv API refused the query.',
});
const apiParseError = createErrorFactory({
  code: 'arxiv.api_parse_error',
  status: 502,
  message: 'The arXiv API response could not be read.',
});
const invalidIds = createErrorFactory({
  code: 'arxiv.invalid_ids',
  status: 400,
  message: 'Not arXiv ids or URLs.',
});

/** arXiv refused the query and explained why in an error feed (an entry whose id is …/api/errors#…). */
export class ArxivApiError extends AppError {
  /** arXiv's own explanation, e.g. "incorrect id format for abc". */
  readonly detail: string;
  readonly errorId: string;

  constructor(opts: { detail: string; errorId: string }) {
    super(apiError.code, apiError.status, `arXiv API error: ${opts.detail}`);
    this.detail = opts.detail;
    this.errorId = opts.errorId;
  }
}

export class ArxivApiParseError extends AppError {
  readonly reason: string;

  constructor(reason: string, opts: { url?: string } = {}) {
    super(
      apiParseError.code,
      apiParseError.status,
      `unreadable arXiv API response${opts.url ? ` from ${opts.url}` : ''}: ${reason}`,
    );
    this.reason = reason;
  }
}

/** Some inputs are not arXiv ids or URLs; nothing was fetched. */
export class InvalidArxivIdsError extends InvalidInputError {
  readonly invalid: string[];

  constructor(invalid: string[]) {
    const shown = invalid.slice(0, 10).map((s) => JSON.stringify(s));
    const more = invalid.length > 10 ? ` and ${invalid.length - 10} more` : '';
    super(invalidIds.code, `not arXiv ids or URLs: ${shown.join(', ')}${more}`);
    this.invalid = invalid;
  }
}
