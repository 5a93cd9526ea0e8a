// "Find or fetch a paper": the stored paper, else arXiv's answer for it. One place for the rules shared by
// submission (which lists the paper) and indexing (which only stores it): refusals and "queued, try again in N s"
// from the lookup queue pass through as they are, any other failure to ask arXiv becomes 502 (nothing written),
// and an answer without the paper is the caller's "not on arXiv" refusal.
import { type AppError, isRefusal } from '../core/errors.js';
import type { Paper } from '../core/paper.js';
import { notOnArxivMessage } from '../papers/papers.errors.js';
import type { StoredPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import type { SubmissionLookup } from './arxiv-lookup-queue.js';
import { RetryLaterError } from './community.errors.js';
import { ArxivUnavailableError } from './submissions.errors.js';

export type FoundPaper = { stored: StoredPaper; fetched: null } | { stored: null; fetched: Paper };

export async function findOrFetchPaper(opts: {
  store: Store;
  arxiv: SubmissionLookup;
  /** The bare arXiv id (already parsed). */
  arxivId: string;
  /** Who waits for the answer (a user id): the lookup queue allows one lookup per person at a time. */
  requester: string;
  /** The refusal when arXiv has no such paper (the code differs between submitting and indexing). */
  notOnArxiv: (overrides: { message: string }) => AppError;
}): Promise<FoundPaper> {
  const stored = await opts.store.papers.findByArxivId(opts.arxivId);
  if (stored) return { stored, fetched: null };
  let found: Paper[];
  try {
    found = await opts.arxiv.fetchPapers([opts.arxivId], { requester: opts.requester });
  } catch (error) {
    if (isRefusal(error) || error instanceof RetryLaterError) throw error;
    throw new ArxivUnavailableError();
  }
  const fetched = found.find((p) => p.arxivId === opts.arxivId);
  if (!fetched) throw opts.notOnArxiv({ message: notOnArxivMessage(opts.arxivId) });
  return { stored: null, fetched };
}

/** Writes a fetched paper to the library and returns it as stored. */
export async function saveFetchedPaper(store: Store, paper: Paper): Promise<StoredPaper> {
  await store.papers.upsertMany([paper]);
  return (await store.papers.findByArxivId(paper.arxivId))!;
}
