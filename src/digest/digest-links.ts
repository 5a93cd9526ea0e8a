// Signed links in digest mails. A token is <subscription id>.<expiry, unix seconds or 0>.<HMAC-SHA256> over the
// purpose, the id, the expiry and a binding: the address (so a link names one subscriber and nothing else) and, for
// confirmation, when the newest confirmation mail was sent (so an older mail's link stops working). Unsubscribe and
// preference links never expire: RFC 8058 one-click must keep working for as long as old mails sit in inboxes.
// Click links carry their own short MAC over (digest, paper). No table is needed for any of them.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type DigestLinkPurpose = 'digest-confirm' | 'digest-unsubscribe' | 'digest-manage';

interface Subject {
  id: number;
  email: string;
  confirmSentAt?: string | null;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
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
  const expires = opts.expiresAt ? Math.floor(opts.expiresAt.getTime() / 1000) : 0;
  const text = `${opts.purpose}\n${opts.subject.id}\n${expires}\n${bindingOf(opts.purpose, opts.subject)}`;
  return `${opts.subject.id}.${expires}.${mac(opts.secret, text)}`;
}

/** The subscription a token names, read before it can be verified; null when it is not shaped like a token. */
export function readDigestToken(token: string): { id: number; expires: number } | null {
  const m = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return m ? { id: Number(m[1]), expires: Number(m[2]) } : null;
}

export function verifyDigestToken(opts: {
  secret: string;
  purpose: DigestLinkPurpose;
  token: string;
  subject: Subject;
  now: Date;
}): boolean {
  const parsed = readDigestToken(opts.token);
  if (!parsed || parsed.id !== opts.subject.id) return false;
  if (parsed.expires !== 0 && parsed.expires * 1000 <= opts.now.getTime()) return false;
  if (opts.purpose === 'digest-confirm' && parsed.expires === 0) return false;
  const text = `${opts.purpose}\n${parsed.id}\n${parsed.expires}\n${bindingOf(opts.purpose, opts.subject)}`;
  return safeEqual(opts.token.trim().split('.')[2]!, mac(opts.secret, text));
}

// 96 bits of MAC keep click links short in plain-text mails; forging one would only record a fake click.
export function clickMac(opts: { secret: string; outboxId: number; paperId: number }): string {
  return mac(opts.secret, `digest-click\n${opts.outboxId}\n${opts.paperId}`).slice(0, 16);
}

export function verifyClickMac(opts: { secret: string; outboxId: number; paperId: number; mac: string }): boolean {
  return safeEqual(opts.mac, clickMac(opts));
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
    site: base,
  };
}
