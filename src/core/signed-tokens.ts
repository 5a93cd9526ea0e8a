// Signed tokens: the one implementation behind every link the site mails (e-mail verification, password reset,
// digest confirmation, unsubscribe, preferences, click tracking). A token is
//   <subject id>.<expiry, unix seconds, or 0 for never>.<HMAC-SHA256(secret, purpose ‖ id ‖ expiry ‖ binding)>
// in base64url, where `binding` is the state the link must not outlive (an address, a password hash fragment, when
// the newest confirmation mail went out): change it and every older link dies, with no table of issued tokens.
// The format is frozen: links already sitting in people's mailboxes must keep verifying (signed-tokens.test.ts
// holds tokens made by the code before this module existed).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Tokens that never expire carry 0 as their expiry (digest unsubscribe and preference links, RFC 8058). */
export const NEVER_EXPIRES = 0;

const TOKEN = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export function hmacBase64Url(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** Compares in constant time; false (never an exception) for strings of different lengths. */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenMac(opts: { secret: string; purpose: string; id: number; expires: number; binding: string }): string {
  return hmacBase64Url(opts.secret, `${opts.purpose}\n${opts.id}\n${opts.expires}\n${opts.binding}`);
}

/** Seconds since the epoch as a token carries them; no date means a token that never expires. */
export function expirySeconds(expiresAt: Date | undefined): number {
  return expiresAt ? Math.floor(expiresAt.getTime() / 1000) : NEVER_EXPIRES;
}

export function signToken(opts: {
  secret: string;
  purpose: string;
  id: number;
  expiresAt?: Date;
  binding: string;
}): string {
  const expires = expirySeconds(opts.expiresAt);
  return `${opts.id}.${expires}.${tokenMac({ ...opts, expires })}`;
}

/** The subject id and expiry a token names, read before its binding is known; null when it is not shaped like one. */
export function readToken(token: string): { id: number; expires: number } | null {
  const m = TOKEN.exec(token.trim());
  return m ? { id: Number(m[1]), expires: Number(m[2]) } : null;
}

/**
 * True when `token` was signed with this secret for this purpose and binding and has not expired. A token that
 * never expires is accepted only where the caller allows it (`allowNeverExpires`).
 */
export function verifyToken(opts: {
  secret: string;
  purpose: string;
  token: string;
  binding: string;
  now: Date;
  /** When given, the token must name this subject. */
  id?: number;
  allowNeverExpires?: boolean;
}): boolean {
  const parsed = readToken(opts.token);
  if (!parsed) return false;
  if (opts.id !== undefined && parsed.id !== opts.id) return false;
  if (parsed.expires === NEVER_EXPIRES) {
    if (!opts.allowNeverExpires) return false;
  } else if (parsed.expires * 1000 <= opts.now.getTime()) return false;
  const expected = tokenMac({ ...opts, id: parsed.id, expires: parsed.expires });
  return safeEqual(opts.token.trim().split('.')[2]!, expected);
}

/** A short MAC over some text (truncated HMAC-SHA256, base64url) for links where length matters more than strength. */
export function shortMac(opts: { secret: string; text: string; length: number }): string {
  return hmacBase64Url(opts.secret, opts.text).slice(0, opts.length);
}
