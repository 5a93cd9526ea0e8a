// "Not interested" from a digest mail: the signed link names the subscription and the paper; the subscription's
// account is the reader whose feedback it records. Opening the link changes nothing (link scanners open every
// link in a mail); the page's button does, and its undo takes it back.
import type { StoredPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import { invalidDigestLink } from './digest.errors.js';
import { readDigestToken, verifyNotInterestedToken } from './digest-links.js';
import { type FeedbackResult, setNotInterested } from './recommend/feedback.usecases.js';

export interface NotInterestedTarget {
  userId: number;
  paper: StoredPaper;
  /** Whether the reader already marked it (the page then offers the undo). */
  marked: boolean;
}

/** What a link names, or the "this link does not work" refusal (forged, altered, expired, no account, no paper). */
export async function notInterestedTarget(opts: {
  store: Store;
  secret: string;
  token: string;
  paperId: unknown;
  now?: Date;
}): Promise<NotInterestedTarget> {
  const paperId = typeof opts.paperId === 'string' && /^\d{1,15}$/.test(opts.paperId) ? Number(opts.paperId) : null;
  const parsed = readDigestToken(opts.token);
  const subscription = parsed && paperId ? await opts.store.subscriptions.findById(parsed.id) : null;
  const valid =
    subscription !== null &&
    paperId !== null &&
    subscription.userId !== null &&
    verifyNotInterestedToken({
      secret: opts.secret,
      token: opts.token,
      subject: subscription,
      paperId,
      now: opts.now ?? new Date(),
    });
  const [paper] = valid ? await opts.store.papers.findByIds([paperId!]) : [];
  if (!valid || !paper) throw invalidDigestLink({ message: 'This link is invalid or has expired.' });
  const userId = subscription!.userId!;
  const marked = (await opts.store.paperFeedback.amongForUsers([userId], [paper.id], 'not_interested')).has(userId);
  return { userId, paper, marked };
}

export async function setNotInterestedByLink(opts: {
  store: Store;
  secret: string;
  token: string;
  paperId: unknown;
  notInterested: boolean;
  now?: Date;
}): Promise<FeedbackResult> {
  const target = await notInterestedTarget(opts);
  return setNotInterested({
    store: opts.store,
    userId: target.userId,
    paper: target.paper,
    notInterested: opts.notInterested,
    now: opts.now,
  });
}
