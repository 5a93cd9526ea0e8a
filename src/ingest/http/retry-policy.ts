// When and how long to wait before asking arXiv again.

/**
 * Reads a `Retry-After` header: delta-seconds ("10", what arXiv's OAI endpoint sends) or an HTTP date.
 * Returns milliseconds from `nowMs`, or null when the header is absent or unreadable.
 */
export function parseRetryAfterMs(opts: { header: string | null; nowMs: number }): number | null {
  const value = opts.header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form starts with a day name; V8's Date.parse would also take "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - opts.nowMs);
}

/** Exponential backoff with "equal jitter", so a fleet of harvesters restarted together spreads out. */
export function backoffMs(opts: { attempt: number; baseMs: number; maxMs: number; random: () => number }): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** opts.attempt);
  return Math.round(ceiling / 2 + (opts.random() * ceiling) / 2);
}

/** 5xx and 429 are arXiv being busy or briefly broken; every other status is a real answer. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
