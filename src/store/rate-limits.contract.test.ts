import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('rate-limit counters on $dialect', (factory) => {
  let store: Store;
  const t0 = Date.UTC(2024, 4, 1, 12);
  const hit = (key: string, now: number, windowMs = 60_000) => store.rateLimits.hit({ key, windowMs, now });

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
  });
  afterEach(async () => {
    await store.close();
  });

  it('counts hits within a window and starts a new window once it has ended', async () => {
    expect(await hit('vote/user:1', t0)).toEqual({ hits: 1, windowStart: t0 });
    expect(await hit('vote/user:1', t0 + 59_999)).toEqual({ hits: 2, windowStart: t0 });
    expect(await store.rateLimits.peek({ key: 'vote/user:1', windowMs: 60_000, now: t0 + 1 })).toEqual({
      hits: 2,
      windowStart: t0,
    });
    expect(await hit('vote/user:1', t0 + 60_000)).toEqual({ hits: 1, windowStart: t0 + 60_000 });
    expect(await store.rateLimits.peek({ key: 'vote/user:1', windowMs: 60_000, now: t0 + 200_000 })).toBeNull();
  });

  it('keeps keys apart', async () => {
    await hit('vote/ip:203.0.113.9', t0);
    await hit('vote/ip:203.0.113.9', t0);
    expect(await hit('login/ip:203.0.113.9', t0)).toMatchObject({ hits: 1 });
    expect(await store.rateLimits.peek({ key: 'nobody', windowMs: 60_000, now: t0 })).toBeNull();
  });

  it('counts concurrent hits exactly once each', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => hit('api/ip:198.51.100.1', t0 + 5)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('prunes windows that started before a given time', async () => {
    await hit('old', t0 - 86_400_000);
    await hit('new', t0);
    expect(await store.rateLimits.prune(t0 - 3_600_000)).toBe(1);
    expect(await store.rateLimits.peek({ key: 'new', windowMs: 60_000, now: t0 })).not.toBeNull();
    expect(await store.rateLimits.peek({ key: 'old', windowMs: 86_400_000 * 2, now: t0 })).toBeNull();
  });
});
