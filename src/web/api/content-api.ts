// Shared pieces of the content API routes (comments, votes, collections, submissions, HF writes).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireWriter } from '../../community/viewer.models.js';

export const members = { requiresUser: true } as const;

/** The code of a request whose shape is wrong (missing or mistyped fields), as the app's error handler names it. */
export const REQUEST_INVALID = 'request.invalid';

/** Store ids in paths: digits only (a malformed id is a bad request, an unknown one "not found"). */
export const idParamsSchema = z.object({
  id: z
    .string()
    .superRefine((id, ctx) => {
      if (!/^[0-9]{1,15}$/.test(id))
        ctx.addIssue({
          code: 'custom',
          message: 'Invalid request: params/id must be a number',
          params: { code: REQUEST_INVALID },
        });
    })
    .meta({ pattern: '^[0-9]{1,15}$' }),
});

/**
 * "Sign in first" (and "not while suspended / unverified") before the body is validated: an anonymous program is
 * told to sign in or send a token, whatever its body says. The use cases check again.
 */
export function writerFirst(opts: { requireVerifiedEmail: boolean }) {
  return async (request: FastifyRequest) => {
    requireWriter(request.viewer, opts);
  };
}
