// A store for @fastify/rate-limit that keeps its counters in the database, so that several app processes behind
// a load balancer enforce one limit together instead of one each. Used on PostgreSQL; a single SQLite process
// keeps the library's in-memory counters (no write per limited request).
import type { Store } from '../store/store.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Windows are at most an hour long; rows idle for a day are deleted every PRUNE_EVERY hits. */
const PRUNE_EVERY = 1000;
const PRUNE_AFTER_MS = 24 * 60 * 60_000;

/**
 * The shared counters for a store with several app processes (PostgreSQL), or null where the library's in-memory
 * counters are right (one SQLite process).
 */
export function sharedRateLimitStore(store: Store, opts: { onPruneError: (error: unknown) => void }) {
  if (store.dialect !== 'postgres') return null;
  const repository = store.rateLimits;
  let hitsSincePrune = 0;
  const prune = () => {
    if (++hitsSincePrune < PRUNE_EVERY) return;
    hitsSincePrune = 0;
    // Best effort: a failed prune is logged and retried PRUNE_EVERY hits later.
    repository.prune(Date.now() - PRUNE_AFTER_MS).catch(opts.onPruneError);
  };

  return class SharedRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      repository.hit({ key, windowMs: timeWindow, now }).then(
        (w) => callback(null, { current: w.hits, ttl: Math.max(0, w.windowStart + timeWindow - now) }),
        (error: Error) => callback(error),
      );
      prune();
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      repository.peek({ key, windowMs: timeWindow, now }).then(
        (w) => callback(null, w ? { current: w.hits, ttl: w.windowStart + timeWindow - now } : { current: 0, ttl: 0 }),
        (error: Error) => callback(error),
      );
    }

    // Keys carry the limiter's name (rate-limits.ts), so every limiter can share one table.
    child(): SharedRateLimitStore {
      return this;
    }
  };
}
