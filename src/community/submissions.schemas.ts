// Submission inputs: an arXiv id or URL, parsed once here into the bare id the use case receives.
import { z } from 'zod';
import { arxivIdSchema } from '../papers/papers.schemas.js';
import { submissionIdInvalid, submissionInvalidId } from './submissions.errors.js';

/** What the submit form, POST /api/v1/submissions and HF's POST /api/papers/submit accept. */
export const submittedIdSchema = arxivIdSchema({
  code: submissionIdInvalid.code,
  message: (text) => submissionInvalidId(text).message,
});

export const submissionSchema = z.object({ arxivId: submittedIdSchema });
