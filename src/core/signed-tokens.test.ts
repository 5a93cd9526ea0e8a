import { describe, expect, it } from 'vitest';
import { readToken, shortMac, signToken, verifyToken } from './signed-tokens.js';

// Tokens made by the two implementations this module replaced (community/signed-links.ts and digest/digest-links.ts
// as they were on 2026-12-01), with this secret. They are in people's mailboxes: they must keep verifying.
const OLD_SECRET = 'old-format-secret-'.padEnd(40, 'x');
const OLD = {
  verifyEmail: '42.1893456000.MyrvVZHoKtvARVj0_DK9P4voQSEMyOGfJ3WG6ld4_XA',
  resetPassword: '7.1893456000.1CiRgqT6bfHJ9kVEUfSkgxctwx6nfICW0nKJJJSH4Uw',
  unsubscribe: '12.0.YGA95juj1f1jRZqt6iaVLkps2CST6Gps2Mr9ZrKcWU4',
  manage: '12.0.rpI204ttFzkTsM3PQv-HFtkAqmHZxwBNRGlhIuzI30E',
  confirm: '12.1893456000.qvRAIJC2PXmibTj9hYWLFsWmnbhi2V0ws6ju6XJ6Lb4',
  click: '7nUKWbl-oHWHuBY1',
};
const subject = { id: 12, email: 'ada@example.org', confirmSentAt: '2024-05-01T10:00:00.000Z' };
const now = new Date('2026-12-01T12:00:00Z');

describe('signed tokens', () => {
  it('account links mailed before the shared module still verify, and are made the same way today', () => {
    const verify = { secret: OLD_SECRET, purpose: 'verify-email', binding: 'ada@example.org|0', now };
    expect(verifyToken({ ...verify, token: OLD.verifyEmail })).toBe(true);
    const reset = { secret: OLD_SECRET, purpose: 'reset-password', binding: 'hashAAAAAAAAAAAAAAAAAAAA', now };
    expect(verifyToken({ ...reset, token: OLD.resetPassword })).toBe(true);
    expect(signToken({ ...verify, id: 42, expiresAt: new Date('2030-01-01T00:00:00Z') })).toBe(OLD.verifyEmail);
  });

  it('digest links mailed before the shared module still verify, and are made the same way today', () => {
    const base = { secret: OLD_SECRET, now, id: 12, allowNeverExpires: true };
    const email = subject.email;
    expect(verifyToken({ ...base, purpose: 'digest-unsubscribe', binding: email, token: OLD.unsubscribe })).toBe(true);
    expect(verifyToken({ ...base, purpose: 'digest-manage', binding: email, token: OLD.manage })).toBe(true);
    const confirmBinding = `${email}\n${subject.confirmSentAt}`;
    expect(verifyToken({ ...base, purpose: 'digest-confirm', binding: confirmBinding, token: OLD.confirm })).toBe(true);
    expect(shortMac({ secret: OLD_SECRET, text: 'digest-click\n5\n9', length: 16 })).toBe(OLD.click);
  });

  it('one purpose cannot stand in for another, across the two families of links', () => {
    // Same id, same binding text, same secret: only the purpose differs.
    const token = signToken({ secret: OLD_SECRET, purpose: 'digest-unsubscribe', id: 12, binding: 'ada@example.org' });
    expect(token).toBe(OLD.unsubscribe);
    const check = (purpose: string) =>
      verifyToken({ secret: OLD_SECRET, purpose, token, binding: 'ada@example.org', now, allowNeverExpires: true });
    expect(check('digest-unsubscribe')).toBe(true);
    expect(check('digest-manage')).toBe(false);
    expect(check('verify-email')).toBe(false);
  });

  it('a never-expiring token is refused where links must expire', () => {
    const token = signToken({ secret: OLD_SECRET, purpose: 'verify-email', id: 42, binding: 'ada@example.org|0' });
    expect(readToken(token)).toEqual({ id: 42, expires: 0 });
    const check = (allowNeverExpires: boolean) =>
      verifyToken({
        secret: OLD_SECRET,
        purpose: 'verify-email',
        token,
        binding: 'ada@example.org|0',
        now,
        allowNeverExpires,
      });
    expect(check(false)).toBe(false);
    expect(check(true)).toBe(true);
  });

  it('an expired token, a token for another subject and malformed text are refused without throwing', () => {
    const token = signToken({
      secret: OLD_SECRET,
      purpose: 'p',
      id: 3,
      binding: 'b',
      expiresAt: new Date('2026-12-01T12:00:01Z'),
    });
    const check = (over: Partial<Parameters<typeof verifyToken>[0]>) =>
      verifyToken({ secret: OLD_SECRET, purpose: 'p', token, binding: 'b', now, ...over });
    expect(check({})).toBe(true);
    expect(check({ now: new Date('2026-12-01T12:00:01Z') })).toBe(false);
    expect(check({ id: 4 })).toBe(false);
    for (const bad of ['', '3', '3.1.x', `${token}=`, ' . . ']) expect(check({ token: bad })).toBe(false);
  });
});
