// Input validation at the edge: forms and JSON bodies go through these before any use case sees them.
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import { passwordProblem } from './password-rules.js';

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Usernames have 3 to 30 characters.')
  .max(30, 'Usernames have 3 to 30 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    'Usernames use letters, digits, "-" and "_", and start with a letter or digit.',
  );

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'That e-mail address is too long.')
  .email('Enter a valid e-mail address.');

/** A new password (sign-up, reset, `user create`): the rules are in password-rules.ts. */
export const passwordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const signUpSchema = z.object({ username: usernameSchema, email: emailSchema, password: passwordSchema });

export const logInSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your username or e-mail address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});

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
