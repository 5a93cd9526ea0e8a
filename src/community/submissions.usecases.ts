// Submitting a paper by arXiv id or URL: metadata from the store, else from the arXiv API; then the operator's
// gates; then the paper lands on today's list with "submitted by". Gates run on the metadata before anything is
// written, so a refused submission leaves the store exactly as it was.
import { todayUtc } from '../core/dates.js';
import type { Paper } from '../core/paper.js';
import type { StoredPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import type { SubmissionLookup } from './arxiv-lookup-queue.js';
import { findOrFetchPaper, saveFetchedPaper } from './find-or-fetch-paper.usecases.js';
import {
  DuplicateSubmissionError,
  submissionDailyLimit,
  submissionNotOnArxiv,
  submissionTooOld,
} from './submissions.errors.js';
import { requireWriter, type Viewer } from './viewer.models.js';

export interface SubmissionGates {
  /** 0: no limit. */
  maxPaperAgeDays: number;
  /** 0: no limit. */
  submissionsPerDay: number;
  requireVerifiedEmail: boolean;
}

/**
 * The dates submission counts by, injected where the services are wired (services.ts): arXiv's own dates on a
 * real site, and for the demo's unlisted papers the day the demo was loaded (demo/demo-clock.ts).
 */
export interface SubmissionCalendar {
  /** The date the age rule counts from for this paper. */
  ageRuleDate(paper: { arxivId: string; publishedAt: string }): Promise<string>;
  /** Papers the submit page offers because they wait to be submitted (the demo's); none on other sites. */
  papersAwaiting(): Promise<Array<{ arxivId: string; title: string }>>;
}

/** arXiv's own dates, nothing offered: the calendar of a site that never loaded the demo. */
export const arxivCalendar: SubmissionCalendar = {
  ageRuleDate: async (paper) => paper.publishedAt,
  papersAwaiting: async () => [],
};

export async function submitPaper(opts: {
  store: Store;
  arxiv: SubmissionLookup;
  gates: SubmissionGates;
  calendar: SubmissionCalendar;
  viewer: Viewer | null;
  /** The bare arXiv id (parsed at the edge, submissions.schemas.ts). */
  arxivId: string;
  now?: Date;
}) {
  const { store, gates } = opts;
  const viewer = requireWriter(opts.viewer, gates);
  const now = opts.now ?? new Date();
  const stored = await store.papers.findByArxivId(opts.arxivId);
  if (stored) await refuseDuplicate(store, stored);
  const found = stored
    ? { stored, fetched: null }
    : await findOrFetchPaper({
        store,
        arxiv: opts.arxiv,
        arxivId: opts.arxivId,
        requester: String(viewer.id),
        notOnArxiv: submissionNotOnArxiv,
      });
  const paper: Paper = found.stored ?? found.fetched;
  checkAge(paper, gates, now, await opts.calendar.ageRuleDate(paper));
  const today = todayUtc(now);
  const dailyLimitReached = () =>
    submissionDailyLimit({
      message: `You have submitted ${gates.submissionsPerDay} papers today, the daily limit here; please come back tomorrow (UTC).`,
    });
  // Checked early so an over-limit submission costs no arXiv request; addSubmission checks again, exactly.
  if (
    gates.submissionsPerDay > 0 &&
    (await store.submissions.countSubmittedOn(viewer.id, today)) >= gates.submissionsPerDay
  ) {
    throw dailyLimitReached();
  }
  const saved = found.stored ?? (await saveFetchedPaper(store, found.fetched));
  const outcome = await store.listings.addSubmission({
    paperId: saved.id,
    listedOn: today,
    submittedBy: viewer.id,
    createdAt: now.toISOString(),
    dailyLimit: gates.submissionsPerDay,
  });
  if (outcome === 'daily_limit') throw dailyLimitReached();
  // Lost a race with another submitter of the same paper: theirs stands.
  if (outcome === 'taken') await refuseDuplicate(store, saved);
  const listing = (await store.listings.findByPaperId(saved.id))!;
  return { paper: saved, listing };
}

async function refuseDuplicate(store: Store, paper: StoredPaper): Promise<void> {
  const listing = await store.listings.findByPaperId(paper.id);
  if (listing) throw new DuplicateSubmissionError(paper.arxivId, listing.listedOn, listing.hidden);
}

/** `since`: arXiv's first-version date, or what the calendar says (the demo's load day for its own papers). */
function checkAge(paper: Paper, gates: SubmissionGates, now: Date, since: string): void {
  if (gates.maxPaperAgeDays <= 0) return;
  const ageDays = (now.getTime() - Date.parse(since)) / 86_400_000;
  if (ageDays > gates.maxPaperAgeDays) {
    throw submissionTooOld({
      message: `Only papers first published on arXiv in the last ${gates.maxPaperAgeDays} days can be submitted; ${paper.arxivId} appeared on ${since.slice(0, 10)}.`,
    });
  }
}
