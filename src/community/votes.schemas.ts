// The vote input of the JSON API: the state the voter wants (idempotent).
import { z } from 'zod';
import { paperRefSchema } from '../papers/papers.schemas.js';

export const voteSchema = z.object({ paper: paperRefSchema, upvoted: z.boolean() });
