// Input refusals that name their own error code. One schema may refuse a field in two ways clients tell apart (a
// comment that is empty, `comments.empty`, or too long, `comments.too_long`); such a refinement puts the code in
// its issue's params, and both the JSON validator (web/validation.ts) and form parsing (parseInput) use it instead
// of the route's one code.

import { InvalidInputError } from './errors.js';

/** The error code a zod issue names for itself (`params.code`), if any. */
export function issueCode(issue: unknown): string | undefined {
  const params = (issue as { params?: { code?: unknown } } | undefined)?.params;
  return typeof params?.code === 'string' ? params.code : undefined;
}

/** The refusal for a failed parse: the first problem's message, under its own code or else the caller's. */
export function inputRefusal(issues: readonly unknown[], code: string): InvalidInputError {
  const issue = issues[0] as { message?: string } | undefined;
  return new InvalidInputError(issueCode(issue) ?? code, issue?.message ?? 'Invalid input.');
}
