// Collection inputs, for the HTML forms and the JSON API alike.
import { z } from 'zod';
import { paperRefSchema } from '../papers/papers.schemas.js';

export const collectionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the collection a name.')
    .max(100, 'Collection names have at most 100 characters.'),
  description: z.string().trim().max(1000, 'Descriptions have at most 1,000 characters.').default(''),
  isPublic: z.boolean().default(true),
});

export type CollectionInput = z.output<typeof collectionSchema>;

/** Add (`contains: true`) or remove a paper. */
export const collectionItemSchema = z.object({ paper: paperRefSchema, contains: z.boolean() });
