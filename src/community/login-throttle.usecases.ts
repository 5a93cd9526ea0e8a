// Sign-in backoff, per account and per IP address. The first few failures in a row are free; after that each
// further attempt must wait, and the wait doubles with every failure (1 s, 2 s, 4 s … up to a cap). A refused
// attempt is not counted, so an attacker who keeps trying holds an account at most `cap` seconds behind his last
// try — never a lock-out of hours — while a guesser gets one try per cap. The account is the account, whatever was
// typed: "alice", "ALICE" and alice@example.org count together; an identifier with no account counts under its own
// name, so the answer never reveals which exist.
//
// An account's attempt is counted *before* the password is checked and taken back when it was right, so a burst of
// parallel guesses cannot all pass on one stale count. An IP address's failures are counted *after* the check:
// successes never count, and an office signing in many people at once is not slowed by its own good attempts
// (a parallel burst from one address may overshoot the IP's free failures by the attempts already in flight, but
// each account in it is still held to its own count).
import type { Config } from '../config/config.js';
import type { LoginFailuresRepository } from '../store/login-failures.repository.js';
import type { Store } from '../store/store.js';
import type { LoginFailures } from './accounts.models.js';

export interface LoginThrottleRules {
  /** Failures in a row an account may have before attempts must wait. */
  freeFailuresPerAccount: number;
  /** The same for one IP address (higher: offices and universities share addresses). */
  freeFailuresPerIp: number;
  /** Longest wait between attempts, in seconds. */
  maxDelaySeconds: number;
}

/** Rows with no attempt for this long are forgotten: a failure yesterday does not slow today's sign-in. */
export const FORGET_AFTER_MS = 24 * 3_600_000;
const PRUNE_EVERY = 500;
const CAS_TRIES = 8;

/** Seconds to wait before the next attempt after `failures` failures in a row: 0 while fewer than `free`. */
export function backoffSeconds(failures: number, free: number, maxDelaySeconds: number): number {
  if (failures < free) return 0;
  return Math.min(maxDelaySeconds, 2 ** Math.min(failures - free, 30));
}

export type Claim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Refused while the IP or the account must wait; otherwise counts the account's attempt. */
  claim(opts: { ip: string; account: string; now?: number }): Promise<Claim>;
  /** The password was wrong: the IP address gets a failure (the account's was counted by `claim`). */
  failed(opts: { ip: string; now?: number }): Promise<void>;
  /** The password was right: the account's failures are cleared. */
  succeeded(opts: { account: string }): Promise<void>;
}

export function createLoginThrottle(opts: { repository: LoginFailuresRepository; rules: LoginThrottleRules }) {
  const { repository, rules } = opts;
  let claimsSincePrune = 0;

  const current = (row: LoginFailures | null, now: number) =>
    row && now - row.updatedAt < FORGET_AFTER_MS ? row : null;
  const waitOf = (row: LoginFailures | null, now: number): Claim =>
    row && now < row.nextAttemptAt
      ? { allowed: false, retryAfterSeconds: Math.ceil((row.nextAttemptAt - now) / 1000) }
      : { allowed: true };

  /** Adds one failure to `key` unless (with `unlessWaiting`) it must wait; exact under concurrency. */
  async function count(key: string, free: number, now: number, unlessWaiting: boolean): Promise<Claim> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const row = await repository.read(key);
      const live = current(row, now);
      const wait = waitOf(live, now);
      if (unlessWaiting && !wait.allowed) return wait;
      const failures = (live?.failures ?? 0) + 1;
      const next: LoginFailures = {
        failures,
        nextAttemptAt: Math.max(
          live?.nextAttemptAt ?? 0,
          now + backoffSeconds(failures, free, rules.maxDelaySeconds) * 1000,
        ),
        updatedAt: now,
      };
      if (await repository.compareAndSet({ key, expected: row ? row.failures : null, next })) return { allowed: true };
    }
    // Lost every race: this key is being hammered right now; the caller may try again in a second.
    return { allowed: false, retryAfterSeconds: 1 };
  }

  const throttle: LoginThrottle = {
    async claim({ ip, account, now = Date.now() }) {
      if (++claimsSincePrune >= PRUNE_EVERY) {
        claimsSincePrune = 0;
        await repository.prune(now - FORGET_AFTER_MS);
      }
      const byIp = waitOf(current(await repository.read(`ip:${ip}`), now), now);
      if (!byIp.allowed) return byIp;
      return count(account, rules.freeFailuresPerAccount, now, true);
    },
    async failed({ ip, now = Date.now() }) {
      await count(`ip:${ip}`, rules.freeFailuresPerIp, now, false);
    },
    async succeeded({ account }) {
      await repository.clear(account);
    },
  };
  return throttle;
}

/** No limits (rateLimit.enabled=false). */
export const unthrottled: LoginThrottle = {
  claim: async () => ({ allowed: true }),
  failed: async () => {},
  succeeded: async () => {},
};

/** The backoff a site runs with: the configured rules, kept in the store; none when rate limiting is off. */
export function loginThrottleFor(opts: { store: Store; rateLimit: Config['rateLimit'] }): LoginThrottle {
  const r = opts.rateLimit;
  if (!r.enabled) return unthrottled;
  return createLoginThrottle({
    repository: opts.store.loginFailures,
    rules: {
      freeFailuresPerAccount: r.loginFailuresPerAccount,
      freeFailuresPerIp: r.loginFailuresPerIp,
      maxDelaySeconds: r.loginMaxDelaySeconds,
    },
  });
}
