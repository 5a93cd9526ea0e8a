// Upvotes from the card, the paper page and the API: one use case, see the vote-change table in
// store/votes.repository.ts (setVote).
import { findPaper } from '../papers/papers.usecases.js';
import type { Store } from '../store/store.js';
import { requireWriter, type Viewer } from './viewer.models.js';
import { voteNotListed } from './votes.errors.js';
import type { VoteResult } from './votes.models.js';

export async function castVote(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  up: boolean;
  requireVerifiedEmail: boolean;
}): Promise<VoteResult> {
  const viewer = requireWriter(opts.viewer, opts);
  const paper = await findPaper(opts.store, opts.arxivId);
  const result = await opts.store.votes.setVote({ userId: viewer.id, paperId: paper.id, up: opts.up });
  if (!result) throw voteNotListed(paper.arxivId);
  return result;
}
