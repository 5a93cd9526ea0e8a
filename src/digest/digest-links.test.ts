import { describe, expect, it } from 'vitest';
import { clickMac, signDigestToken, verifyClickMac, verifyDigestToken } from './digest-links.js';

const secret = 's'.repeat(40);
const subject = { id: 12, email: 'ada@example.org', confirmSentAt: '2024-05-01T10:00:00.000Z' };
const now = new Date('2024-05-01T12:00:00Z');

describe('signed digest links', () => {
  it('an unsubscribe token verifies for its subscriber only, and never expires', () => {
    const token = signDigestToken({ secret, purpose: 'digest-unsubscribe', subject });
    expect(
      verifyDigestToken({ secret, purpose: 'digest-unsubscribe', token, subject, now: new Date('2034-01-01') }),
    ).toBe(true);
    expect(
      verifyDigestToken({ secret, purpose: 'digest-unsubscribe', token, subject: { ...subject, id: 13 }, now }),
    ).toBe(false);
    expect(
      verifyDigestToken({
        secret,
        purpose: 'digest-unsubscribe',
        token,
        subject: { ...subject, email: 'eve@example.org' },
        now,
      }),
    ).toBe(false);
    expect(verifyDigestToken({ secret: 't'.repeat(40), purpose: 'digest-unsubscribe', token, subject, now })).toBe(
      false,
    );
    // A token for one purpose is useless for another.
    expect(verifyDigestToken({ secret, purpose: 'digest-manage', token, subject, now })).toBe(false);
  });

  it('a confirmation token expires, and a newer confirmation mail voids it', () => {
    const token = signDigestToken({
      secret,
      purpose: 'digest-confirm',
      subject,
      expiresAt: new Date('2024-05-02T10:00:00Z'),
    });
    expect(verifyDigestToken({ secret, purpose: 'digest-confirm', token, subject, now })).toBe(true);
    expect(
      verifyDigestToken({ secret, purpose: 'digest-confirm', token, subject, now: new Date('2024-05-02T10:00:01Z') }),
    ).toBe(false);
    const resent = { ...subject, confirmSentAt: '2024-05-01T11:00:00.000Z' };
    expect(verifyDigestToken({ secret, purpose: 'digest-confirm', token, subject: resent, now })).toBe(false);
  });

  it('tampered or malformed tokens are refused without throwing', () => {
    const token = signDigestToken({ secret, purpose: 'digest-unsubscribe', subject });
    const tampered = `13${token.slice(2)}`;
    for (const bad of [tampered, '', 'x.y.z', `${token}x`, '12.0.short']) {
      expect(verifyDigestToken({ secret, purpose: 'digest-unsubscribe', token: bad, subject, now })).toBe(false);
    }
  });

  it('a click MAC binds the digest and the paper', () => {
    const mac = clickMac({ secret, outboxId: 5, paperId: 9 });
    expect(verifyClickMac({ secret, outboxId: 5, paperId: 9, mac })).toBe(true);
    expect(verifyClickMac({ secret, outboxId: 5, paperId: 10, mac })).toBe(false);
    expect(verifyClickMac({ secret, outboxId: 5, paperId: 9, mac: 'nope' })).toBe(false);
  });

  it('links mailed before the token format moved to core/signed-tokens.ts still verify', () => {
    // Made by the previous implementation of this file (2026-12-01) with this secret: they sit in mailboxes.
    const oldSecret = 'old-format-secret-'.padEnd(40, 'x');
    const base = { secret: oldSecret, subject, now };
    const unsubscribe = '12.0.YGA95juj1f1jRZqt6iaVLkps2CST6Gps2Mr9ZrKcWU4';
    expect(verifyDigestToken({ ...base, purpose: 'digest-unsubscribe', token: unsubscribe })).toBe(true);
    const manage = '12.0.rpI204ttFzkTsM3PQv-HFtkAqmHZxwBNRGlhIuzI30E';
    expect(verifyDigestToken({ ...base, purpose: 'digest-manage', token: manage })).toBe(true);
    const confirm = '12.1893456000.qvRAIJC2PXmibTj9hYWLFsWmnbhi2V0ws6ju6XJ6Lb4';
    expect(verifyDigestToken({ ...base, purpose: 'digest-confirm', token: confirm })).toBe(true);
    expect(verifyClickMac({ secret: oldSecret, outboxId: 5, paperId: 9, mac: '7nUKWbl-oHWHuBY1' })).toBe(true);
    expect(signDigestToken({ secret: oldSecret, purpose: 'digest-unsubscribe', subject })).toBe(unsubscribe);
  });
});
