// Typed errors with stable codes: the CLI prints them as one line, the web layer maps them in one place.

export class EmbeddingsError extends Error {
  readonly code: string;
  constructor({ code, message, cause }: { code: string; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'EmbeddingsError';
    this.code = code;
  }
}
