// Input validation at the edge: forms and JSON bodies go through these before any use case sees them.
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';

export const collectionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the collection a name.')
    .max(100, 'Collection names have at most 100 characters.'),
  description: z.string().trim().max(1000, 'Descriptions have at most 1,000 characters.').default(''),
  isPublic: z.boolean().default(true),
});

export const reasonSchema = z.string().trim().max(500, 'Reasons have at most 500 characters.');

/** Parses or throws an InvalidInputError (400) carrying the first problem's message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(code, result.error.issues[0]?.message ?? 'Invalid input.');
}

/** Comment bodies: trimmed, not empty, at most `maxChars` characters (counted as code points, as people count). */
export function parseCommentBody(body: unknown, maxChars: number): string {
  const text = typeof body === 'string' ? body.replace(/\r\n?/g, '\n').trim() : '';
  if (text.length === 0) throw new InvalidInputError('comments.empty', 'Write something before posting.');
  const length = [...text].length;
  if (length > maxChars) {
    throw new InvalidInputError(
      'comments.too_long',
      `Comments have at most ${maxChars.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`,
    );
  }
  return text;
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
