// Input validation at the edge: forms and JSON bodies go through these before any use case sees them.
import type { z } from 'zod';
import { inputRefusal } from '../core/input-issues.js';

/** Parses or throws an InvalidInputError (400) carrying the first problem's message (and its own code, if it names one). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw inputRefusal(result.error.issues, code);
}

/** Store ids in URLs and forms: positive safe integers, anything else is "not found" rather than a crash. */
export function parseId(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,15}$/.test(value)
        ? Number(value)
        : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
