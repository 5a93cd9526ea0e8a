import { describe, expect, it } from 'vitest';
import { createLinkToken, passwordBinding, readLinkToken, verifyLinkToken } from './signed-links.js';

const secret = 's'.repeat(40);
const now = new Date('2024-05-01T12:00:00Z');
const expiresAt = new Date('2024-05-02T12:00:00Z');

describe('signed links', () => {
  const token = createLinkToken({
    secret,
    purpose: 'verify-email',
    userId: 42,
    expiresAt,
    binding: 'ada@example.org|0',
  });
  const check = (over: Partial<Parameters<typeof verifyLinkToken>[0]>) =>
    verifyLinkToken({ secret, purpose: 'verify-email', token, binding: 'ada@example.org|0', now, ...over });

  it('accepts its own unexpired token and names the user', () => {
    expect(check({})).toBe(true);
    expect(readLinkToken(token)).toEqual({ userId: 42, expires: expiresAt.getTime() / 1000 });
  });

  it('refuses an expired token, another purpose, another secret and a changed binding', () => {
    expect(check({ now: new Date('2024-05-02T12:00:01Z') })).toBe(false);
    expect(check({ purpose: 'reset-password' })).toBe(false);
    expect(check({ secret: 't'.repeat(40) })).toBe(false);
    expect(check({ binding: 'ada@example.org|1' })).toBe(false);
  });

  it('refuses a token whose user id or expiry was edited, and malformed text', () => {
    const [, expires, mac] = token.split('.');
    expect(check({ token: `43.${expires}.${mac}` })).toBe(false);
    expect(check({ token: `42.${Number(expires) + 86_400}.${mac}` })).toBe(false);
    for (const bad of ['', 'abc', '42.1.short', `${token}x`]) expect(check({ token: bad })).toBe(false);
  });

  it('binds reset links to the password hash, so a new password kills them', () => {
    const a = passwordBinding('$argon2id$v=19$m=19456,t=2,p=1$saltsaltsalt$hashAAAAAAAAAAAAAAAAAAAA');
    const b = passwordBinding('$argon2id$v=19$m=19456,t=2,p=1$othersaltxx$hashBBBBBBBBBBBBBBBBBBBB');
    expect(a).not.toBe(b);
    expect(passwordBinding(null)).toBe('');
  });

  it('a link mailed before the token format moved to core/signed-tokens.ts still verifies', () => {
    // Made by the previous implementation of this file (2026-12-01) with this secret; it expires in 2030.
    const old = '42.1893456000.MyrvVZHoKtvARVj0_DK9P4voQSEMyOGfJ3WG6ld4_XA';
    const oldSecret = 'old-format-secret-'.padEnd(40, 'x');
    const opts = { secret: oldSecret, purpose: 'verify-email', binding: 'ada@example.org|0', now } as const;
    expect(verifyLinkToken({ ...opts, token: old })).toBe(true);
    expect(createLinkToken({ ...opts, userId: 42, expiresAt: new Date('2030-01-01T00:00:00Z') })).toBe(old);
  });
});
