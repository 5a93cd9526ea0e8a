import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { AppError } from '../core/errors.js';
import { buildServices, type Services } from '../services.js';

export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

export interface GlobalOptions {
  config?: string;
  data?: string;
}

/** Loads and validates the configuration, naming the bad setting and exiting with 2 when it is invalid. */
export function loadCliConfig(global: GlobalOptions, overrides: Record<string, unknown> = {}): Config {
  return loadConfig({
    file: global.config,
    overrides: { ...(global.data ? { data: global.data } : {}), ...overrides },
  });
}

/** Runs a command with the wired services and always closes them, also on failure. */
export async function withServices<T>(
  global: GlobalOptions,
  run: (services: Services) => Promise<T>,
  opts: { overrides?: Record<string, unknown>; migrate?: boolean } = {},
): Promise<T> {
  const services = await buildServices({ config: loadCliConfig(global, opts.overrides), migrate: opts.migrate });
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}

/** Prints a failure the way a user needs it: known errors as one clear line, unknown ones with their stack. */
export function reportFailure(error: unknown): number {
  if (error instanceof CliExit) {
    if (error.message) process.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof AppError || (error instanceof Error && 'code' in error && typeof error.code === 'string')) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
