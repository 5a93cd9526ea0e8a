// Typed errors of the community features. Codes are stable (clients match on them); messages are shown to people.
import { AppError } from '../core/errors.js';

export class AuthRequiredError extends AppError {
  constructor(message = 'Sign in to do that.') {
    super('auth.required', 401, message);
  }
}

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

/** Sign-in failed. One message for an unknown account and a wrong password, so nobody can probe for accounts. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super('auth.invalid_credentials', 401, 'That username or e-mail and password do not match an account.');
  }
}

export class InvalidLinkError extends AppError {
  constructor() {
    super('auth.invalid_link', 400, 'This link is invalid, has already been used or has expired. Ask for a new one.');
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
}

export class RateLimitedError extends RetryLaterError {
  constructor(retryAfterSeconds: number) {
    super(
      'rate_limited',
      429,
      `You are doing that too often. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
      retryAfterSeconds,
    );
  }
}

/** Sign-in backoff (login-throttle.usecases.ts): the same answer whether or not the account exists. */
export class SignInThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds);
    this.message = `Too many failed sign-ins for this account or from this address. Please wait ${describeWait(retryAfterSeconds)} and try again.`;
  }
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
