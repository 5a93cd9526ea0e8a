// Input validation of the digest forms (subscribe, preferences, "alert me"). Form fields arrive as strings; these
// turn them into typed preferences or an InvalidInputError whose message names what to fix.
import { z } from 'zod';
import { emailSchema } from '../community/accounts.schemas.js';
import type { ErrorFactory } from '../core/errors.js';
import { invalidDigestEmail, invalidPreferences, invalidSavedSearch } from './digest.errors.js';
import type { DigestPreferences } from './digest.models.js';

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

const categoryList = z
  .string()
  .max(500, 'List at most a few dozen categories.')
  .default('')
  .transform((text) => [...new Set(text.split(/[\s,]+/).filter(Boolean))])
  .refine(
    (list) => list.every((c) => CATEGORY.test(c)),
    'Categories are arXiv codes such as cs.CL or math.PR, separated by commas.',
  )
  .refine((list) => list.length <= 30, 'List at most 30 categories.');

const authorList = z
  .string()
  .max(2000, 'List at most 20 authors.')
  .default('')
  .transform((text) => [
    ...new Set(
      text
        .split(/\r?\n|,/)
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ])
  .refine((list) => list.length <= 20, 'Follow at most 20 authors.')
  .refine((list) => list.every((a) => a.length <= 100), 'Author names have at most 100 characters.');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const preferencesSchema = z.object({
  period: z.enum(['daily', 'weekly'], { message: 'Choose daily or weekly.' }),
  maxPapers: z.coerce
    .number({ message: 'Choose how many papers.' })
    .int()
    .min(1, 'At least one paper.')
    .max(50, 'At most 50 papers.'),
  includeCategories: categoryList,
  excludeCategories: categoryList,
  followAuthors: authorList,
  forYou: checkbox,
  sendHour: z.coerce
    .number({ message: 'Choose an hour.' })
    .int()
    .min(0, 'Hours go from 0 to 23.')
    .max(23, 'Hours go from 0 to 23.'),
  timezone: z.string().trim().refine(isTimeZone, 'Choose a time zone such as UTC or Europe/Paris.'),
});

export const savedSearchSchema = z.object({
  query: z.string().trim().min(1, 'Type what to search for.').max(300, 'Saved searches have at most 300 characters.'),
  category: z
    .string()
    .trim()
    .max(40)
    .default('')
    .refine((c) => c === '' || CATEGORY.test(c), 'Unknown category.'),
  hasCode: checkbox,
});

export type SavedSearchInput = z.output<typeof savedSearchSchema>;

/** zod's output, or the form's refusal carrying zod's first message (which names what to fix). */
function parseWith<S extends z.ZodType>(schema: S, input: unknown, refusal: ErrorFactory): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw refusal({ message: result.error.issues[0]?.message ?? refusal.message });
}

export function parseEmail(input: unknown): string {
  return parseWith(emailSchema, input, invalidDigestEmail).toLowerCase();
}

export function parsePreferences(input: unknown): DigestPreferences {
  return parseWith(preferencesSchema, input, invalidPreferences);
}

export function parseSavedSearch(input: unknown): SavedSearchInput {
  return parseWith(savedSearchSchema, input, invalidSavedSearch);
}

/** A saved search's id from a form or path; null for anything that is not one (nothing to remove, not a refusal). */
export function parseSavedSearchId(input: unknown): number | null {
  const id = Number(input);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
