// Follow inputs, for the HTML forms and the JSON API alike: a kind and its key, as the follow button sends them.
import { z } from 'zod';
import { FOLLOW_KINDS } from './follows.models.js';

export const followTargetSchema = z.object({
  kind: z.enum(FOLLOW_KINDS, { message: `kind is one of ${FOLLOW_KINDS.join(', ')}` }),
  key: z.string().trim().min(1, 'Say what to follow (key).').max(300, 'Keys have at most 300 characters.'),
});

export type FollowTargetInput = z.output<typeof followTargetSchema>;

/** The listing's query: pages of /following and GET /api/v1/follows/papers. */
export const followingPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
