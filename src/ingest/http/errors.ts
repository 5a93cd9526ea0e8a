// Typed failures of talking to arXiv. Each carries a stable `code` so the CLI and job runner can
// report them uniformly, and the URL so an operator can reproduce the request by hand.

export class ArxivHttpError extends Error {
  readonly code = 'arxiv.http_error';
  readonly status: number;
  readonly url: string;
  /** The start of the response body: arXiv explains 400s and 403s in it. */
  readonly body: string;

  constructor(opts: { status: number; url: string; body: string }) {
    super(`arXiv answered HTTP ${opts.status} for ${opts.url}`);
    this.name = 'ArxivHttpError';
    this.status = opts.status;
    this.url = opts.url;
    this.body = opts.body.slice(0, 64 * 1024);
  }
}

export class ArxivTimeoutError extends Error {
  readonly code = 'arxiv.timeout';
  readonly url: string;
  readonly timeoutMs: number;

  constructor(opts: { url: string; timeoutMs: number }) {
    super(`arXiv did not answer within ${opts.timeoutMs} ms: ${opts.url}`);
    this.name = 'ArxivTimeoutError';
    this.url = opts.url;
    this.timeoutMs = opts.timeoutMs;
  }
}

export class ArxivNetworkError extends Error {
  readonly code = 'arxiv.network_error';
  readonly url: string;

  constructor(opts: { url: string; cause: unknown }) {
    const reason = opts.cause instanceof Error ? (opts.cause.cause ?? opts.cause) : opts.cause;
    super(`could not reach arXiv at ${opts.url}: ${reason instanceof Error ? reason.message : String(reason)}`, {
      cause: opts.cause,
    });
    this.name = 'ArxivNetworkError';
    this.url = opts.url;
  }
}
