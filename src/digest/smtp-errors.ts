// What an SMTP failure means for a digest. A 5xx reply (unknown mailbox, refused as spam) will not change by
// trying again: recorded at once. A 4xx reply (greylisting, mailbox full, rate limit) is retried with backoff.
// No reply at all (refused connection, timeout, dropped socket) is about the server, not the recipient: retried,
// and after a few in a row the run stops instead of burning every subscriber's attempts on a dead server.

export type SmtpFailureKind = 'permanent' | 'temporary' | 'connection';

export interface SmtpFailure {
  kind: SmtpFailureKind;
  message: string;
}

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
  'ETLS',
]);

export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const message = String(e.response ?? e.message ?? error).slice(0, 1000);
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (status !== null && status >= 500 && status < 600) return { kind: 'permanent', message };
  if (status !== null && status >= 400 && status < 500) return { kind: 'temporary', message };
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return { kind: 'connection', message };
  return { kind: 'temporary', message };
}

const MAX_BACKOFF_SECONDS = 6 * 3600;

/** Wait before attempt n+1 after n failed attempts: base, 4×base, 16×base… capped at six hours. */
export function backoffSeconds(opts: { attempts: number; baseSeconds: number }): number {
  return Math.min(MAX_BACKOFF_SECONDS, opts.baseSeconds * 4 ** Math.max(0, opts.attempts - 1));
}
