// Upvotes from the card, the paper page and the API: one use case, see the vote-change table in
// store/votes.repository.ts (setVote).
import { normaliseArxivId } from '../core/arxiv-id.js';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { requireWriter, type Viewer } from './viewer.models.js';

export async function castVote(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  up: boolean;
  requireVerifiedEmail: boolean;
}): Promise<{ upvotes: number; upvoted: boolean; changed: boolean }> {
  const viewer = requireWriter(opts.viewer, opts);
  const paper = await findPaper(opts.store, opts.arxivId);
  const result = await opts.store.votes.setVote({ userId: viewer.id, paperId: paper.id, up: opts.up });
  if (!result)
    throw new NotFoundError('votes.not_listed', `Paper ${paper.arxivId} is not on the list, so it cannot be upvoted.`);
  return result;
}

/** A stored paper by any accepted id form; 400 for text that is not an id, 404 for an unknown paper. */
export async function findPaper(store: Store, idText: string) {
  const arxivId = normaliseArxivId(idText);
  if (!arxivId)
    throw new InvalidInputError(
      'papers.invalid_id',
      `"${idText.slice(0, 100)}" is not an arXiv id (e.g. 2401.01234 or hep-th/9901001)`,
    );
  const paper = await store.papers.findByArxivId(arxivId);
  if (!paper) throw new NotFoundError('papers.not_found', `Paper ${arxivId} is not in this library`);
  return paper;
}
