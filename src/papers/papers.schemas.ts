// Inputs that name a paper. One parser of arXiv ids (core/arxiv-id.ts) behind every one of them.
import { z } from 'zod';
import { parseArxivRef } from '../core/arxiv-id.js';

/** How much of a paper reference is read at all: longer text is no arXiv id or URL. */
export const PAPER_REF_MAX = 200;

/** A paper named in a body or query (votes, comments, collections): looked up by findPaper, which refuses non-ids. */
export const paperRefSchema = z.string().max(PAPER_REF_MAX).describe('arXiv id or URL');

/**
 * An arXiv id in any accepted form (abs/pdf URL, "arXiv:", version suffix) → the bare id; anything else is refused
 * with `code` and `message(text)`, as an issue that names its own code (see web/validation.ts).
 */
export function arxivIdSchema(refusal: { code: string; message: (text: string) => string }) {
  return paperRefSchema.transform((text, ctx) => {
    const ref = parseArxivRef(text);
    if (ref) return ref.id;
    ctx.addIssue({ code: 'custom', message: refusal.message(text), params: { code: refusal.code } });
    return z.NEVER;
  });
}
