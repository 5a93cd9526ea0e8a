// Inputs of organizations: one zod schema per form, used by the HTML forms (parseInput) and the JSON API.
import { z } from 'zod';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const orgSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'The address needs at least 2 characters.')
  .max(40, 'The address has at most 40 characters.')
  .regex(SLUG, 'The address uses lower-case letters, digits and single hyphens (e.g. "vision-lab").');

const orgDescriptionSchema = z.string().trim().max(2000, 'The description has at most 2,000 characters.').default('');

export const createOrgSchema = z.object({
  slug: orgSlugSchema,
  name: z
    .string()
    .trim()
    .min(2, 'The name needs at least 2 characters.')
    .max(100, 'The name has at most 100 characters.'),
  description: orgDescriptionSchema,
});

export const orgMemberSchema = z.object({
  username: z.string().trim().min(1, 'Name the user to add.').max(50),
  role: z.enum(['admin', 'member']).default('member'),
});

export const orgDescriptionFormSchema = z.object({ description: orgDescriptionSchema });

export const attributionSchema = z.object({ organization: orgSlugSchema });
