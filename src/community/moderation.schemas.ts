// Moderation inputs: the optional reason every moderation action may carry (shown on /admin/audit).
import { z } from 'zod';
import { moderationInvalidReason } from './moderation.errors.js';

export const reasonSchema = z
  .string()
  .trim()
  .max(500, moderationInvalidReason.message)
  .transform((reason) => (reason === '' ? null : reason));
