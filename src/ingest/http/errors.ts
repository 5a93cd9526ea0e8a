// Typed failures of talking to arXiv. Each carries a stable `code` so the CLI and job runner can
// report them uniformly, and the URL so an operator can reproduce the request by hand. Each code is declared
// once (core/errors.ts); the classes add the fields an operator needs. As AppErrors their `status` is what they
// mean for our own answer — arXiv failed us: 502, or 503 when it could not be reached — and arXiv's own HTTP
// status is `arxivStatus`.
import { AppError, createErrorFactory } from '../../core/errors.js';

const httpError = createErrorFactory({
  code: 'arxiv.http_error',
  status: 502,
  message: 'arXiv answered with an HTTP error.',
});
const timeout = createErrorFactory({ code: 'arxiv.timeout', status: 503, message: 'arXiv did not answer in time.' });
const networkError = createErrorFactory({
  code: 'arxiv.network_error',
  status: 503,
  message: 'arXiv could not be reached.',
});

export class ArxivHttpError extends AppError {
  /** arXiv's HTTP status (`status` is ours: 502). */
  readonly arxivStatus: number;
  readonly url: string;
  /** The start of the response body: arXiv explains 400s and 403s in it. */
  readonly body: string;

  constructor(opts: { status: number; url: string; body: string }) {
    super(httpError.code, httpError.status, `arXiv answered HTTP ${opts.status} for ${opts.url}`);
    this.arxivStatus = opts.status;
    this.url = opts.url;
    this.body = opts.body.slice(0, 64 * 1024);
  }
}

export class ArxivTimeoutError extends AppError {
  readonly url: string;
  readonly timeoutMs: number;

  constructor(opts: { url: string; timeoutMs: number }) {
    super(timeout.code, timeout.status, `arXiv did not answer within ${opts.timeoutMs} ms: ${opts.url}`);
    this.url = opts.url;
    this.timeoutMs = opts.timeoutMs;
  }
}

export class ArxivNetworkError extends AppError {
  readonly url: string;

  constructor(opts: { url: string; cause: unknown }) {
    const reason = opts.cause instanceof Error ? (opts.cause.cause ?? opts.cause) : opts.cause;
    super(
      networkError.code,
      networkError.status,
      `could not reach arXiv at ${opts.url}: ${reason instanceof Error ? reason.message : String(reason)}`,
      { cause: opts.cause },
    );
    this.url = opts.url;
  }
}
