// The signed one-click unsubscribe link of a notification mail (the token format and its checks are in
// core/signed-tokens.ts). It names a user and the kinds to turn off, and is bound to those kinds and the address the
// mail went to, so it cannot be widened to other kinds and dies when the address changes. It never expires: RFC 8058
// one-click must keep working for as long as the mail sits in an inbox. No table is needed.
import { readToken, signToken, verifyToken } from '../core/signed-tokens.js';
import { isNotificationKind, type NotificationKind } from './notifications.models.js';

const PURPOSE = 'notification-mail-off';

const bindingOf = (kinds: readonly NotificationKind[], email: string) => `${[...kinds].sort().join(',')}\n${email}`;

export function signUnsubscribeToken(opts: {
  secret: string;
  userId: number;
  email: string;
  kinds: readonly NotificationKind[];
}): string {
  return signToken({
    secret: opts.secret,
    purpose: PURPOSE,
    id: opts.userId,
    binding: bindingOf(opts.kinds, opts.email),
  });
}

/** The user a token names, read before it can be verified; null when it is not shaped like a token. */
export const readUnsubscribeToken = (token: string) => readToken(token);

export function verifyUnsubscribeToken(opts: {
  secret: string;
  token: string;
  userId: number;
  email: string;
  kinds: readonly NotificationKind[];
  now: Date;
}): boolean {
  return verifyToken({
    secret: opts.secret,
    purpose: PURPOSE,
    token: opts.token,
    binding: bindingOf(opts.kinds, opts.email),
    now: opts.now,
    id: opts.userId,
    allowNeverExpires: true,
  });
}

/** "comment_reply,mention" → the kinds, or null when any part is not a kind. */
export function parseKindList(value: string): NotificationKind[] | null {
  const parts = value.split(',').filter(Boolean);
  if (parts.length === 0 || !parts.every(isNotificationKind)) return null;
  return [...new Set(parts)] as NotificationKind[];
}

export function unsubscribeUrl(opts: { origin: string; kinds: readonly NotificationKind[]; token: string }): string {
  const base = opts.origin.replace(/\/+$/, '');
  return `${base}/notifications/unsubscribe?kinds=${[...opts.kinds].sort().join(',')}&token=${encodeURIComponent(opts.token)}`;
}
