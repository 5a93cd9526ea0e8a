// Signed, expiring links for e-mail verification and password reset. The token is
//   <userId>.<expiry, unix seconds>.<HMAC-SHA256(secret, purpose ‖ userId ‖ expiry ‖ binding)>
// where `binding` is state the link must outlive: the address being verified plus whether it already is (so a
// verification link dies once used or when the address changes), or a fragment of the current password hash (so
// a reset link dies as soon as the password changes, including through that very link). No table is needed.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'verify-email' | 'reset-password';

function mac(opts: { secret: string; purpose: LinkPurpose; userId: number; expires: number; binding: string }): string {
  return createHmac('sha256', opts.secret)
    .update(`${opts.purpose}\n${opts.userId}\n${opts.expires}\n${opts.binding}`)
    .digest('base64url');
}

export function createLinkToken(opts: {
  secret: string;
  purpose: LinkPurpose;
  userId: number;
  expiresAt: Date;
  binding: string;
}): string {
  const expires = Math.floor(opts.expiresAt.getTime() / 1000);
  return `${opts.userId}.${expires}.${mac({ ...opts, expires })}`;
}

/** The user id a token names, read before its binding is known; null when it is not shaped like a token. */
export function readLinkToken(token: string): { userId: number; expires: number } | null {
  const m = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (!m) return null;
  return { userId: Number(m[1]), expires: Number(m[2]) };
}

export function verifyLinkToken(opts: {
  secret: string;
  purpose: LinkPurpose;
  token: string;
  binding: string;
  now: Date;
}): boolean {
  const parsed = readLinkToken(opts.token);
  if (!parsed || parsed.expires * 1000 <= opts.now.getTime()) return false;
  const expected = Buffer.from(mac({ ...opts, userId: parsed.userId, expires: parsed.expires }));
  const given = Buffer.from(opts.token.trim().split('.')[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The part of an argon2 PHC string that changes with every new password (salt and hash). */
export function passwordBinding(passwordHash: string | null): string {
  return (passwordHash ?? '').slice(-24);
}
