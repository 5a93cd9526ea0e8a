// The one way ingest code talks to arXiv. arXiv asks robots to identify themselves with a contact
// address, to leave a pause between requests, and to obey `503 Retry-After` (its OAI endpoint throttles
// with exactly that). Requests through one fetcher are serialised, so sharing it keeps a whole process polite.
// The pause is not clamped here: the config layer enforces >= 1 s for real arXiv; tests pass a few ms.

import { ArxivHttpError, ArxivNetworkError, ArxivTimeoutError } from './errors.js';
import { abortableSleep, backoffMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';

export interface PoliteFetcherOptions {
  /** Must carry the operator's contact (an e-mail address or URL); see `buildUserAgent`. */
  userAgent: string;
  /** Pause between the end of one request and the start of the next. */
  minDelayMs: number;
  /** Limit for each attempt, body included. */
  timeoutMs: number;
  /** Further attempts after the first one fails with a network error, timeout, 429 or 5xx. */
  maxRetries: number;
  /** Longest `Retry-After` obeyed as asked; longer ones are cut to this. Default 5 minutes. */
  maxRetryAfterMs?: number;
  /** First backoff step when no `Retry-After` was given. Default 2 s; doubles per attempt. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told before every wait caused by a failure, for logs and progress bars. */
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void;
  /** Told how each HTTP attempt ended (retries included), for the operator's metrics. */
  onAttempt?: (outcome: AttemptOutcome) => void;
}

export type AttemptOutcome = 'ok' | 'http_4xx' | 'http_429' | 'http_5xx' | 'timeout' | 'network';

export interface FetchTextResult {
  status: number;
  body: string;
  contentType: string | null;
  url: string;
}

export interface PoliteFetcher {
  /** Resolves with a 2xx response; throws ArxivHttpError, ArxivTimeoutError, ArxivNetworkError or the signal's reason. */
  fetchText(url: string, opts?: { signal?: AbortSignal }): Promise<FetchTextResult>;
}

type Outcome =
  | { kind: 'response'; status: number; body: string; contentType: string | null; retryAfter: string | null }
  | { kind: 'timeout' }
  | { kind: 'network'; cause: unknown };

const ACCEPT = 'application/xml, text/xml, application/atom+xml, application/rss+xml;q=0.9, */*;q=0.1';

export function buildUserAgent(opts: { version: string; contact: string }): string {
  return `dailypapers/${opts.version} (+${opts.contact})`;
}

export function createPoliteFetcher(opts: PoliteFetcherOptions): PoliteFetcher {
  checkOptions(opts);
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  let lastFinishedAt: number | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function attemptOnce(url: string, signal?: AbortSignal): Promise<Outcome> {
    if (lastFinishedAt !== null) {
      const gap = lastFinishedAt + opts.minDelayMs - Date.now();
      if (gap > 0) await sleep(gap, signal);
    }
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    try {
      const res = await fetch(url, {
        headers: { 'User-Agent': opts.userAgent, Accept: ACCEPT },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = await res.text();
      const contentType = res.headers.get('content-type');
      return { kind: 'response', status: res.status, body, contentType, retryAfter: res.headers.get('retry-after') };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      return timeout.aborted ? { kind: 'timeout' } : { kind: 'network', cause };
    } finally {
      lastFinishedAt = Date.now();
    }
  }

  function waitAfter(outcome: Outcome, attempt: number): number {
    if (outcome.kind === 'response') {
      const asked = parseRetryAfterMs({ header: outcome.retryAfter, nowMs: Date.now() });
      if (asked !== null) return Math.min(asked, opts.maxRetryAfterMs ?? 300_000);
    }
    const baseMs = opts.backoffBaseMs ?? 2000;
    return backoffMs({ attempt, baseMs, maxMs: opts.backoffMaxMs ?? 60_000, random });
  }

  async function run(url: string, signal?: AbortSignal): Promise<FetchTextResult> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptOnce(url, signal);
      opts.onAttempt?.(classify(outcome));
      if (outcome.kind === 'response' && !isRetryableStatus(outcome.status)) {
        if (outcome.status >= 200 && outcome.status < 300) {
          return { status: outcome.status, body: outcome.body, contentType: outcome.contentType, url };
        }
        throw new ArxivHttpError({ status: outcome.status, url, body: outcome.body });
      }
      if (attempt >= opts.maxRetries) throw finalError(outcome, url, opts.timeoutMs);
      const waitMs = waitAfter(outcome, attempt);
      opts.onRetry?.({ url, attempt: attempt + 1, waitMs, reason: describe(outcome) });
      await sleep(waitMs, signal);
    }
  }

  return {
    fetchText(url, fetchOpts) {
      const result = queue.then(() => run(url, fetchOpts?.signal));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

function finalError(outcome: Outcome, url: string, timeoutMs: number): Error {
  if (outcome.kind === 'timeout') return new ArxivTimeoutError({ url, timeoutMs });
  if (outcome.kind === 'network') return new ArxivNetworkError({ url, cause: outcome.cause });
  return new ArxivHttpError({ status: outcome.status, url, body: outcome.body });
}

function classify(outcome: Outcome): AttemptOutcome {
  if (outcome.kind !== 'response') return outcome.kind;
  if (outcome.status === 429) return 'http_429';
  if (outcome.status >= 500) return 'http_5xx';
  return outcome.status >= 400 ? 'http_4xx' : 'ok';
}

function describe(outcome: Outcome): string {
  if (outcome.kind === 'response') return `HTTP ${outcome.status}`;
  if (outcome.kind === 'timeout') return 'timeout';
  const cause = outcome.cause instanceof Error ? (outcome.cause.cause ?? outcome.cause) : outcome.cause;
  return `network error: ${cause instanceof Error ? cause.message : String(cause)}`;
}

function checkOptions(opts: PoliteFetcherOptions): void {
  if (!/@|https?:\/\//.test(opts.userAgent)) {
    throw new TypeError(
      `userAgent "${opts.userAgent}" has no contact address; arXiv asks robots for an e-mail or URL to reach the operator`,
    );
  }
  for (const key of ['minDelayMs', 'timeoutMs', 'maxRetries'] as const) {
    if (!Number.isFinite(opts[key]) || opts[key] < 0) throw new RangeError(`${key} must be a number >= 0`);
  }
  if (opts.timeoutMs === 0) throw new RangeError('timeoutMs must be > 0');
}
