// The inputs of accounts, sign-in and API tokens: one zod schema each, read by the HTML form (parseInput) and the
// JSON route (validated(), which also documents it in the OpenAPI document). Use cases receive their output. The
// limits are exported once more only for the forms' maxlength attributes.
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-rules.js';

export const USERNAME_MAX_LENGTH = 30;
/** RFC 5321's longest forward path. */
export const EMAIL_MAX_LENGTH = 254;
export const TOKEN_NAME_MAX_LENGTH = 100;

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Usernames have 3 to 30 characters.')
  .max(USERNAME_MAX_LENGTH, 'Usernames have 3 to 30 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    'Usernames use letters, digits, "-" and "_", and start with a letter or digit.',
  );

export const emailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH, 'That e-mail address is too long.')
  .email('Enter a valid e-mail address.');

/** A new password (sign-up, reset, `user create`): the rules are in password-rules.ts. */
export const passwordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const signUpSchema = z.object({ username: usernameSchema, email: emailSchema, password: passwordSchema });
export type SignUpInput = z.output<typeof signUpSchema>;

export const logInSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your username or e-mail address.').max(EMAIL_MAX_LENGTH),
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
});
export type LogInInput = z.output<typeof logInSchema>;

export const resetRequestSchema = z.object({ email: emailSchema });

/** The token is checked by the use case (checkLink): a missing one is just an invalid link. */
export const resetConfirmSchema = z.object({ token: z.string().default(''), password: passwordSchema });

export const tokenInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name.')
    .max(TOKEN_NAME_MAX_LENGTH, 'Token names have at most 100 characters.'),
  scope: z.enum(['read', 'write'], { message: 'The scope is "read" or "write".' }),
});
export type TokenInput = z.output<typeof tokenInputSchema>;

/** Store ids in URLs: as papers' and collections' ids, up to 15 digits. */
export const tokenIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'Token ids are whole numbers.')
    .transform(Number),
});
