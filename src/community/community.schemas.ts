// Input validation at the edge: forms and JSON bodies go through these before any use case sees them.
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import { issueCode } from '../core/input-issues.js';
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

/** Parses or throws an InvalidInputError (400) carrying the first problem's message (and its own code, if it names one). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InvalidInputError(issueCode(issue) ?? code, issue?.message ?? 'Invalid input.');
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
