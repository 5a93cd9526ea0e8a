// Failures of the arXiv API (export.arxiv.org/api/query).

import { InvalidInputError } from '../../core/errors.js';

/** arXiv refused the query and explained why in an error feed (an entry whose id is …/api/errors#…). */
export class ArxivApiError extends Error {
  readonly code = 'arxiv.api_error';
  /** arXiv's own explanation, e.g. "incorrect id format for abc". */
  readonly detail: string;
  readonly errorId: string;

  constructor(opts: { detail: string; errorId: string }) {
    super(`arXiv API error: ${opts.detail}`);
    this.name = 'ArxivApiError';
    this.detail = opts.detail;
    this.errorId = opts.errorId;
  }
}

export class ArxivApiParseError extends Error {
  readonly code = 'arxiv.api_parse_error';
  readonly reason: string;

  constructor(reason: string, opts: { url?: string } = {}) {
    super(`unreadable arXiv API response${opts.url ? ` from ${opts.url}` : ''}: ${reason}`);
    this.name = 'ArxivApiParseError';
    this.reason = reason;
  }
}

/** Some inputs are not arXiv ids or URLs; nothing was fetched. */
export class InvalidArxivIdsError extends InvalidInputError {
  readonly invalid: string[];

  constructor(invalid: string[]) {
    const shown = invalid.slice(0, 10).map((s) => JSON.stringify(s));
    const more = invalid.length > 10 ? ` and ${invalid.length - 10} more` : '';
    super('arxiv.invalid_ids', `not arXiv ids or URLs: ${shown.join(', ')}${more}`);
    this.name = 'InvalidArxivIdsError';
    this.invalid = invalid;
  }
}
