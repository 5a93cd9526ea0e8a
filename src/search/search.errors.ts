// Typed errors with stable codes; the web layer maps them to responses in one place.

export class SearchIndexError extends Error {
  readonly code: string;
  constructor({ code, message }: { code: string; message: string }) {
    super(message);
    this.name = 'SearchIndexError';
    this.code = code;
  }
}
