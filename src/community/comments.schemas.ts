// Comment inputs, for the paper page's forms and the JSON API alike. The length limit is the operator's
// (community.commentMaxChars), so the schemas are made from it once, where routes are registered.
import { z } from 'zod';
import { paperRefSchema } from '../papers/papers.schemas.js';
import { commentEmpty, commentTooLong } from './comments.errors.js';

/** Trimmed, line endings as "\n", not empty, at most `maxChars` characters (code points, as people count them). */
export function commentBodySchema(maxChars: number) {
  return z
    .string()
    .transform((body) => body.replace(/\r\n?/g, '\n').trim())
    .superRefine((text, ctx) => {
      if (text.length === 0) {
        ctx.addIssue({ code: 'custom', message: commentEmpty.message, params: { code: commentEmpty.code } });
        return;
      }
      const length = [...text].length;
      if (length > maxChars) {
        ctx.addIssue({
          code: 'custom',
          message: `Comments have at most ${maxChars.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`,
          params: { code: commentTooLong.code },
        });
      }
    });
}

/** A parent comment's id: a number from JSON, digits from a form; empty or absent for a top-level comment. */
const parentIdSchema = z
  .union([z.number().int(), z.string().max(20), z.null()])
  .optional()
  .transform((value) => (value === undefined || value === null || value === '' ? null : value));

export function newCommentSchema(maxChars: number) {
  return z.object({ paper: paperRefSchema, body: commentBodySchema(maxChars), parentId: parentIdSchema });
}

/** The paper page's form: the paper is in the path. */
export function commentFormSchema(maxChars: number) {
  return z.object({ body: commentBodySchema(maxChars), parentId: parentIdSchema });
}

export function commentEditSchema(maxChars: number) {
  return z.object({ body: commentBodySchema(maxChars) });
}

export type NewComment = z.output<ReturnType<typeof newCommentSchema>>;
