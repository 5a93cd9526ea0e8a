// The authorship claim input: which of the paper's authors the claimant is (checked against the paper).
import { z } from 'zod';

export const claimSchema = z.object({ authorName: z.string().trim().max(1000) });
