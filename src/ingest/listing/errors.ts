import { AppError, createErrorFactory } from '../../core/errors.js';

// An unreadable listing feed is arXiv failing us (502); the code is declared once (core/errors.ts).
const listingParseError = createErrorFactory({
  code: 'arxiv.listing_parse_error',
  status: 502,
  message: 'The arXiv listing feed could not be read.',
});

export class ListingParseError extends AppError {
  readonly reason: string;

  constructor(reason: string, opts: { url?: string } = {}) {
    super(
      listingParseError.code,
      listingParseError.status,
      `unreadable arXiv listing feed${opts.url ? ` from ${opts.url}` : ''}: ${reason}`,
    );
    this.reason = reason;
  }
}
