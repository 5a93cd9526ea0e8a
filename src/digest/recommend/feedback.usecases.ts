// "Not interested" and its undo, for a signed-in reader (the /for-you buttons, the API) or a digest's signed link
// (which names the reader through their subscription). Both are idempotent: marking twice is one mark, undoing
// twice is one undo. The reader's model learns the mark at its next training (For-you retrains on the spot).

import type { StoredPaper } from '../../papers/papers.models.js';
import { findPaper } from '../../papers/papers.usecases.js';
import type { Store } from '../../store/store.js';

export interface FeedbackResult {
  paper: StoredPaper;
  notInterested: boolean;
  /** False when the paper was already in that state. */
  changed: boolean;
}

export async function setNotInterested(opts: {
  store: Store;
  userId: number;
  /** A stored paper, or any accepted form of an arXiv id (400 for a non-id, 404 for an unknown paper). */
  paper: StoredPaper | string;
  notInterested: boolean;
  now?: Date;
}): Promise<FeedbackResult> {
  const paper = typeof opts.paper === 'string' ? await findPaper(opts.store, opts.paper) : opts.paper;
  const key = { userId: opts.userId, paperId: paper.id, kind: 'not_interested' as const };
  const changed = opts.notInterested
    ? await opts.store.paperFeedback.mark({ ...key, createdAt: (opts.now ?? new Date()).toISOString() })
    : await opts.store.paperFeedback.unmark(key);
  return { paper, notInterested: opts.notInterested, changed };
}

/** The papers a reader marked "not interested", newest first (their settings list and the API). */
export async function notInterestedPapers(opts: {
  store: Store;
  userId: number;
  limit?: number;
}): Promise<Array<{ paper: StoredPaper; at: string }>> {
  const marks = await opts.store.paperFeedback.listOf(opts.userId, 'not_interested', opts.limit ?? 200);
  const papers = new Map((await opts.store.papers.findByIds(marks.map((m) => m.paperId))).map((p) => [p.id, p]));
  return marks.flatMap((m) => {
    const paper = papers.get(m.paperId);
    return paper ? [{ paper, at: m.createdAt }] : [];
  });
}
