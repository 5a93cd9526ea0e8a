// "Index a paper": make sure a paper is in the library, fetching it from the arXiv API when it is not, without
// listing it (Hugging Face's POST /api/papers/index). Listing is submission's job (submissions.usecases.ts).
import { parseArxivRef } from '../core/arxiv-id.js';
import { AppError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type { StoredPaper } from '../store/papers.mapping.js';
import type { Store } from '../store/store.js';
import type { SubmissionLookup } from './arxiv-lookup-queue.js';
import { ArxivUnavailableError, RetryLaterError } from './community.errors.js';
import { requireWriter, type Viewer } from './viewer.models.js';

/** The stored paper, and whether this call added it. Indexing a stored paper again changes nothing. */
export async function indexPaper(opts: {
  store: Store;
  arxiv: SubmissionLookup;
  viewer: Viewer | null;
  requireVerifiedEmail: boolean;
  input: unknown;
}): Promise<{ paper: StoredPaper; added: boolean }> {
  const viewer = requireWriter(opts.viewer, opts);
  const text = typeof opts.input === 'string' ? opts.input : '';
  const ref = parseArxivRef(text);
  if (!ref) {
    throw new InvalidInputError(
      'papers.invalid_id',
      `"${text.trim().slice(0, 100)}" is not an arXiv id or URL (e.g. 2401.01234 or hep-th/9901001).`,
    );
  }
  const stored = await opts.store.papers.findByArxivId(ref.id);
  if (stored) return { paper: stored, added: false };
  let found: Awaited<ReturnType<SubmissionLookup['fetchPapers']>>;
  try {
    found = await opts.arxiv.fetchPapers([ref.id], { requester: String(viewer.id) });
  } catch (error) {
    // Refusals and "queued, try again in N s" pass through as they are; only a failure of arXiv becomes 502.
    if (error instanceof AppError && (error.status < 500 || error instanceof RetryLaterError)) throw error;
    throw new ArxivUnavailableError();
  }
  const paper = found.find((p) => p.arxivId === ref.id);
  if (!paper) throw new NotFoundError('papers.not_on_arxiv', `arXiv has no paper ${ref.id}; check the id.`);
  await opts.store.papers.upsertMany([paper]);
  return { paper: (await opts.store.papers.findByArxivId(ref.id))!, added: true };
}
