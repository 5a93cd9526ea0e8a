// Signed, expiring links for e-mail verification and password reset (the token format and its checks are in
// core/signed-tokens.ts, shared with the digest links). `binding` is state the link must outlive: the address being
// verified plus whether it already is (so a verification link dies once used or when the address changes), or a
// fragment of the current password hash (so a reset link dies as soon as the password changes, including through
// that very link). No table is needed. These links always expire.
import { readToken, signToken, verifyToken } from '../core/signed-tokens.js';

export type LinkPurpose = 'verify-email' | 'reset-password';

export function createLinkToken(opts: {
  secret: string;
  purpose: LinkPurpose;
  userId: number;
  expiresAt: Date;
  binding: string;
}): string {
  return signToken({
    secret: opts.secret,
    purpose: opts.purpose,
    id: opts.userId,
    expiresAt: opts.expiresAt,
    binding: opts.binding,
  });
}

/** The user id a token names, read before its binding is known; null when it is not shaped like a token. */
export function readLinkToken(token: string): { userId: number; expires: number } | null {
  const parsed = readToken(token);
  return parsed ? { userId: parsed.id, expires: parsed.expires } : null;
}

export function verifyLinkToken(opts: {
  secret: string;
  purpose: LinkPurpose;
  token: string;
  binding: string;
  now: Date;
}): boolean {
  return verifyToken({ ...opts, allowNeverExpires: false });
}

/** The part of an argon2 PHC string that changes with every new password (salt and hash). */
export function passwordBinding(passwordHash: string | null): string {
  return (passwordHash ?? '').slice(-24);
}
