// One error vocabulary. Every error the application raises on purpose is an AppError with a stable code (clients
// match on it), an HTTP status and a message shown to people. Each code is declared once, with its status and
// message, by `createErrorFactory` in its domain's `*.errors.ts`; the web layer turns any AppError into a JSON error
// or an HTML error page in one place (web/errors.ts). Errors below 500 are refusals of the user's input or action;
// 500 and above are ours (logged, never shown in detail).

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for a refusal of the user's input or action (4xx), as opposed to a failure on our side. */
  get isRefusal(): boolean {
    return this.status < 500;
  }

  /**
   * Whether people may read this message: always for a refusal; for a failure on our side (5xx) only when its
   * code was declared with `expose: true` (e.g. "arXiv could not be reached, try later"), because other failures'
   * messages name internals (paths, upstream URLs) and are for the log.
   */
  get isExposed(): boolean {
    return this.isRefusal || declared.get(this.code)?.expose === true;
  }
}

export interface ErrorDefinition {
  /** Stable, dotted, lower-case: `<domain>.<what>`, e.g. `collections.not_found`. */
  readonly code: string;
  readonly status: number;
  /** The default message; a raise may give a more precise one (e.g. naming the field). */
  readonly message: string;
  /** For 5xx codes: the message is meant for people (see AppError.isExposed). */
  readonly expose?: boolean;
}

export interface ErrorFactory {
  (overrides?: { message?: string; cause?: unknown }): AppError;
  readonly code: string;
  readonly status: number;
  readonly message: string;
  /** True when `error` was made by this factory (matches on the code, so it also works across module copies). */
  is(error: unknown): error is AppError;
}

const declared = new Map<string, ErrorDefinition>();

/**
 * Declares one error code. Declaring the same code twice throws at import time, so a code (and its message) can
 * never drift between two places again.
 */
export function createErrorFactory(definition: ErrorDefinition): ErrorFactory {
  if (declared.has(definition.code)) throw new Error(`error code declared twice: ${definition.code}`);
  if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(definition.code))
    throw new Error(`error codes are dotted lower-case words: ${definition.code}`);
  declared.set(definition.code, definition);
  const factory = (overrides?: { message?: string; cause?: unknown }) =>
    new AppError(definition.code, definition.status, overrides?.message ?? definition.message, {
      cause: overrides?.cause,
    });
  return Object.assign(factory, {
    code: definition.code,
    status: definition.status,
    message: definition.message,
    is: (error: unknown): error is AppError => error instanceof AppError && error.code === definition.code,
  });
}

/** Every code declared so far (for the error table in the docs and the uniqueness test). */
export function declaredErrors(): ErrorDefinition[] {
  return [...declared.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** True for an AppError that refuses the user's input or action (4xx). */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.isRefusal;
}

/**
 * For handlers that show a refusal in place (a form re-rendered with its message): anything that is not a
 * refusal is rethrown, to reach the one error handler and be logged.
 */
export function rethrowUnlessRefusal(error: unknown): asserts error is AppError {
  if (!isRefusal(error)) throw error;
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(code, 404, message);
  }
}

export class InvalidInputError extends AppError {
  constructor(code: string, message: string) {
    super(code, 400, message);
  }
}
