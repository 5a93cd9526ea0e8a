// Signed links in digest mails (the token format and its checks are in core/signed-tokens.ts, shared with the
// account links). The binding is the address (so a link names one subscriber and nothing else) and, for
// confirmation, when the newest confirmation mail was sent (so an older mail's link stops working). Unsubscribe and
// preference links never expire: RFC 8058 one-click must keep working for as long as old mails sit in inboxes.
// Click links carry their own short MAC over (digest, paper). No table is needed for any of them.
import { readToken, safeEqual, shortMac, signToken, verifyToken } from '../core/signed-tokens.js';

export type DigestLinkPurpose = 'digest-confirm' | 'digest-unsubscribe' | 'digest-manage';

interface Subject {
  id: number;
  email: string;
  confirmSentAt?: string | null;
}

function bindingOf(purpose: DigestLinkPurpose, s: Subject): string {
  return purpose === 'digest-confirm' ? `${s.email}\n${s.confirmSentAt ?? ''}` : s.email;
}

export function signDigestToken(opts: {
  secret: string;
  purpose: DigestLinkPurpose;
  subject: Subject;
  expiresAt?: Date;
}): string {
  return signToken({
    secret: opts.secret,
    purpose: opts.purpose,
    id: opts.subject.id,
    expiresAt: opts.expiresAt,
    binding: bindingOf(opts.purpose, opts.subject),
  });
}

/** The subscription a token names, read before it can be verified; null when it is not shaped like a token. */
export function readDigestToken(token: string): { id: number; expires: number } | null {
  return readToken(token);
}

export function verifyDigestToken(opts: {
  secret: string;
  purpose: DigestLinkPurpose;
  token: string;
  subject: Subject;
  now: Date;
}): boolean {
  return verifyToken({
    secret: opts.secret,
    purpose: opts.purpose,
    token: opts.token,
    binding: bindingOf(opts.purpose, opts.subject),
    now: opts.now,
    id: opts.subject.id,
    // A confirmation link always expires; the others must work for as long as the mail is kept.
    allowNeverExpires: opts.purpose !== 'digest-confirm',
  });
}

// 96 bits of MAC keep click links short in plain-text mails; forging one would only record a fake click.
export function clickMac(opts: { secret: string; outboxId: number; paperId: number }): string {
  return shortMac({ secret: opts.secret, text: `digest-click\n${opts.outboxId}\n${opts.paperId}`, length: 16 });
}

export function verifyClickMac(opts: { secret: string; outboxId: number; paperId: number; mac: string }): boolean {
  return safeEqual(opts.mac, clickMac(opts));
}

/**
 * "Not interested" links on a digest's recommendations: the subscription (so the reader needs no sign-in), bound to
 * its address and the paper (so a link names one paper and cannot be altered to name another). They expire after
 * `NOT_INTERESTED_LINK_DAYS`: a recommendation is news for a few weeks, and an old mail's link should not keep
 * writing to an account.
 */
export const NOT_INTERESTED_LINK_DAYS = 60;
const NOT_INTERESTED = 'digest-not-interested';

export function signNotInterestedToken(opts: { secret: string; subject: Subject; paperId: number; now: Date }): string {
  return signToken({
    secret: opts.secret,
    purpose: NOT_INTERESTED,
    id: opts.subject.id,
    expiresAt: new Date(opts.now.getTime() + NOT_INTERESTED_LINK_DAYS * 86_400_000),
    binding: `${opts.subject.email}\n${opts.paperId}`,
  });
}

export function verifyNotInterestedToken(opts: {
  secret: string;
  token: string;
  subject: Subject;
  paperId: number;
  now: Date;
}): boolean {
  return verifyToken({
    secret: opts.secret,
    purpose: NOT_INTERESTED,
    token: opts.token,
    binding: `${opts.subject.email}\n${opts.paperId}`,
    now: opts.now,
    id: opts.subject.id,
    allowNeverExpires: false,
  });
}

/** The absolute URLs a digest or confirmation mail links to. */
export function digestUrls(origin: string) {
  const base = origin.replace(/\/+$/, '');
  return {
    confirm: (token: string) => `${base}/digest/confirm?token=${encodeURIComponent(token)}`,
    unsubscribe: (token: string) => `${base}/digest/unsubscribe?token=${encodeURIComponent(token)}`,
    manage: (token: string) => `${base}/digest/preferences?token=${encodeURIComponent(token)}`,
    click: (c: { outboxId: number; paperId: number; mac: string }) =>
      `${base}/digest/open/${c.outboxId}/${c.paperId}/${c.mac}`,
    notInterested: (c: { token: string; paperId: number }) =>
      `${base}/digest/not-interested?paper=${c.paperId}&token=${encodeURIComponent(c.token)}`,
    site: base,
  };
}
