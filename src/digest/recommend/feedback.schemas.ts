// "Not interested" input: the form on recommendation cards and the JSON API share the paper reference; the form
// says which way (on marks, off undoes), the API says it with the method (POST marks, DELETE undoes).
import { z } from 'zod';
import { paperRefSchema } from '../../papers/papers.schemas.js';

export const FEEDBACK_INVALID = 'feedback.invalid';

export const feedbackBodySchema = z.object({
  paper: paperRefSchema,
  kind: z.literal('not_interested').default('not_interested').describe('The only kind so far'),
});

export const notInterestedFormSchema = z.object({
  paper: paperRefSchema,
  state: z.enum(['on', 'off']).default('on'),
});
