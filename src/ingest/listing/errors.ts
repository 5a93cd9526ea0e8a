export class ListingParseError extends Error {
  readonly code = 'arxiv.listing_parse_error';
  readonly reason: string;

  constructor(reason: string, opts: { url?: string } = {}) {
    super(`unreadable arXiv listing feed${opts.url ? ` from ${opts.url}` : ''}: ${reason}`);
    this.name = 'ListingParseError';
    this.reason = reason;
  }
}
