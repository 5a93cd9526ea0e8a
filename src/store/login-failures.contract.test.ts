import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../test/support/stores.js';
import { backoffSeconds, createLoginThrottle, FORGET_AFTER_MS } from '../community/login-throttle.usecases.js';
import type { Store } from './store.js';

describe.each(storeFactories)('sign-in backoff on $dialect', (factory) => {
  let store: Store;
  const t0 = Date.UTC(2024, 4, 1, 12);
  const rules = { freeFailuresPerAccount: 3, freeFailuresPerIp: 10, maxDelaySeconds: 60 };
  const throttle = () => createLoginThrottle({ repository: store.loginFailures, rules });

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
  });
  afterEach(async () => {
    await store.close();
  });

  it('moves a count only from the value it was read at (compare-and-set)', async () => {
    const repo = store.loginFailures;
    const next = (failures: number) => ({ failures, nextAttemptAt: t0, updatedAt: t0 });
    expect(await repo.compareAndSet({ key: 'account:1', expected: null, next: next(1) })).toBe(true);
    expect(await repo.compareAndSet({ key: 'account:1', expected: null, next: next(1) })).toBe(false);
    expect(await repo.compareAndSet({ key: 'account:1', expected: 0, next: next(2) })).toBe(false);
    expect(await repo.compareAndSet({ key: 'account:1', expected: 1, next: next(2) })).toBe(true);
    expect(await repo.read('account:1')).toEqual({ failures: 2, nextAttemptAt: t0, updatedAt: t0 });
    await repo.clear('account:1');
    expect(await repo.read('account:1')).toBeNull();
  });

  it('lets the free failures through, then doubles the wait with each failure up to the cap', async () => {
    const t = throttle();
    // From a new address each time, so that only the account's count is at work.
    let n = 0;
    const attempt = (now: number) => t.claim({ ip: `203.0.113.${++n}`, account: 'account:7', now });
    for (let i = 0; i < 3; i++) expect(await attempt(t0)).toEqual({ allowed: true });
    expect(await attempt(t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Refused attempts are not counted: the wait does not grow while nobody may try.
    expect(await attempt(t0 + 500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    let now = t0 + 1000;
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      expect(await attempt(now)).toEqual({ allowed: true });
      const refused = await attempt(now);
      if (refused.allowed) throw new Error('expected a wait');
      waits.push(refused.retryAfterSeconds);
      now += refused.retryAfterSeconds * 1000;
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60, 60]);
    expect(waits).toEqual(waits.map((_, i) => backoffSeconds(4 + i, 3, 60)));
  });

  it('clears the account on a success, keeps it cleared for every identifier, and forgets idle counts', async () => {
    const t = throttle();
    const ip = '203.0.113.2';
    for (let i = 0; i < 3; i++) await t.claim({ ip, account: 'account:8', now: t0 });
    expect((await t.claim({ ip, account: 'account:8', now: t0 })).allowed).toBe(false);
    await t.succeeded({ account: 'account:8' });
    for (let i = 0; i < 3; i++) expect((await t.claim({ ip, account: 'account:8', now: t0 })).allowed).toBe(true);
    expect((await t.claim({ ip, account: 'account:8', now: t0 + FORGET_AFTER_MS })).allowed).toBe(true);
  });

  it('counts failures per IP across accounts, never successes, and one IP does not slow another', async () => {
    const t = throttle();
    const ip = '198.51.100.1';
    // Successes from one address (an office signing everyone in) do not count towards its limit.
    for (let i = 0; i < 30; i++) {
      expect((await t.claim({ ip, account: `account:${100 + i}`, now: t0 })).allowed).toBe(true);
      await t.succeeded({ account: `account:${100 + i}` });
    }
    for (let i = 0; i < 10; i++) {
      expect((await t.claim({ ip, account: `unknown:user${i}`, now: t0 })).allowed).toBe(true);
      await t.failed({ ip, now: t0 });
    }
    expect(await t.claim({ ip, account: 'unknown:fresh', now: t0 })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await t.claim({ ip: '198.51.100.2', account: 'unknown:fresh', now: t0 })).allowed).toBe(true);
    expect((await t.claim({ ip, account: 'unknown:fresh', now: t0 + 1000 })).allowed).toBe(true);
  });

  it('lets exactly the free attempts through when many arrive at once', async () => {
    const t = throttle();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.claim({ ip: `192.0.2.${i}`, account: 'account:9', now: t0 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });
});
