// Typed errors of the community features. Codes are stable (clients match on them); messages are shown to people.
import { AppError } from '../core/errors.js';

export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(code, 403, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, 409, message);
  }
}

/** Refused for now, with the number of seconds after which trying again makes sense (sent as Retry-After). */
export class RetryLaterError extends AppError {
  constructor(
    code: string,
    status: 429 | 503,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, status, message);
  }

  /** "Try again in N s" is for people, also as a 503. */
  override get isExposed(): boolean {
    return true;
  }
}

// `rate_limited` predates the dotted codes of createErrorFactory and clients match on it, so it is declared here,
// once, as a class: every limiter (and the sign-in backoff, accounts.errors.ts) raises this one.
export class RateLimitedError extends RetryLaterError {
  constructor(
    retryAfterSeconds: number,
    message = `You are doing that too often. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
  ) {
    super('rate_limited', 429, message, retryAfterSeconds);
  }
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
