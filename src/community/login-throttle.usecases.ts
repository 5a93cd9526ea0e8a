// Sign-in backoff, per account and per IP address. Each attempt is counted *before* the password is checked
// (so a burst of parallel guesses cannot all pass on one stale count) and taken back when it succeeds. The first
// few failures in a row are free; after that each further attempt must wait, and the wait doubles with every
// failure (1 s, 2 s, 4 s … up to a cap). A refused attempt is not counted, so an attacker who keeps trying holds
// an account at most `cap` seconds behind his last try — never a lock-out of hours — while a guesser gets one
// try per cap. The account is the account, whatever was typed: "alice", "ALICE" and alice@example.org count
// together; an identifier with no account counts under its own name, so the answer never reveals which exist.
import type { LoginFailures, LoginFailuresRepository } from '../store/login-failures.repository.js';

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
  /** Counts an attempt for the IP and the account; refused (and not counted) while either must wait. */
  claim(opts: { ip: string; account: string; now?: number }): Promise<Claim>;
  /** The attempt succeeded: the account's failures are cleared, the IP's attempt is taken back. */
  succeeded(opts: { ip: string; account: string }): Promise<void>;
}

export function createLoginThrottle(opts: { repository: LoginFailuresRepository; rules: LoginThrottleRules }) {
  const { repository, rules } = opts;
  let claimsSincePrune = 0;

  async function claimKey(key: string, free: number, now: number): Promise<Claim> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const row = await repository.read(key);
      const current = row && now - row.updatedAt < FORGET_AFTER_MS ? row : null;
      if (current && now < current.nextAttemptAt)
        return { allowed: false, retryAfterSeconds: Math.ceil((current.nextAttemptAt - now) / 1000) };
      const failures = (current?.failures ?? 0) + 1;
      const next: LoginFailures = {
        failures,
        nextAttemptAt: now + backoffSeconds(failures, free, rules.maxDelaySeconds) * 1000,
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
      const byIp = await claimKey(`ip:${ip}`, rules.freeFailuresPerIp, now);
      if (!byIp.allowed) return byIp;
      const byAccount = await claimKey(account, rules.freeFailuresPerAccount, now);
      if (!byAccount.allowed) await repository.uncount(`ip:${ip}`);
      return byAccount;
    },
    async succeeded({ ip, account }) {
      await repository.clear(account);
      await repository.uncount(`ip:${ip}`);
    },
  };
  return throttle;
}

/** No limits (rateLimit.enabled=false). */
export const unthrottled: LoginThrottle = {
  claim: async () => ({ allowed: true }),
  succeeded: async () => {},
};
