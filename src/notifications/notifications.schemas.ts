// The inputs of the notification routes: one zod schema each, shared by the JSON API (validated()) and the forms.
import { z } from 'zod';

export const PAGE_MAX = 100;

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const notificationListQuerySchema = z.object({
  before: id.optional().describe('Only notifications older than this id (the `nextBefore` of the previous page).'),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(30),
});

export const notificationReadBodySchema = z
  .object({
    ids: z.array(id).max(PAGE_MAX).optional().describe('Mark these notifications read.'),
    all: z.boolean().optional().describe('Mark every unread notification read (up to `upTo`, when given).'),
    upTo: id.optional().describe('With `all`: only notifications up to this id (the `newestId` you were shown).'),
  })
  .refine((b) => (b.ids?.length ?? 0) > 0 || b.all === true, { message: 'Give `ids` or `all: true`.' });

/** The page's "mark all read" form: the newest id the reader saw. */
export const markAllFormSchema = z.object({ upTo: id.optional() });
