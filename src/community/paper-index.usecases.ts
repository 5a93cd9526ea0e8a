// "Index a paper": make sure a paper is in the library, fetching it from the arXiv API when it is not, without
// listing it (Hugging Face's POST /api/papers/index). Listing is submission's job (submissions.usecases.ts).
import { paperNotOnArxiv } from '../papers/papers.errors.js';
import type { StoredPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import type { SubmissionLookup } from './arxiv-lookup-queue.js';
import { findOrFetchPaper, saveFetchedPaper } from './find-or-fetch-paper.usecases.js';
import { requireWriter, type Viewer } from './viewer.models.js';

/** The stored paper, and whether this call added it. Indexing a stored paper again changes nothing. */
export async function indexPaper(opts: {
  store: Store;
  arxiv: SubmissionLookup;
  viewer: Viewer | null;
  requireVerifiedEmail: boolean;
  /** The bare arXiv id (parsed at the edge, papers.schemas.ts). */
  arxivId: string;
}): Promise<{ paper: StoredPaper; added: boolean }> {
  const viewer = requireWriter(opts.viewer, opts);
  const found = await findOrFetchPaper({
    store: opts.store,
    arxiv: opts.arxiv,
    arxivId: opts.arxivId,
    requester: String(viewer.id),
    notOnArxiv: paperNotOnArxiv,
  });
  if (found.stored) return { paper: found.stored, added: false };
  return { paper: await saveFetchedPaper(opts.store, found.fetched), added: true };
}
