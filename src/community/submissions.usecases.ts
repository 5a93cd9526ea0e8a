// Submitting a paper by arXiv id or URL: metadata from the store, else from the arXiv API; then the operator's
// gates; then the paper lands on today's list with "submitted by". Gates run on the metadata before anything is
// written, so a refused submission leaves the store exactly as it was.
import { parseArxivRef } from '../core/arxiv-id.js';
import { todayUtc } from '../core/dates.js';
import { AppError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type { Paper } from '../core/paper.js';
import { ageRuleDate } from '../demo/demo-clock.js';
import type { StoredPaper } from '../store/papers.mapping.js';
import type { Store } from '../store/store.js';
import type { SubmissionLookup } from './arxiv-lookup-queue.js';
import {
  ArxivUnavailableError,
  DuplicateSubmissionError,
  ForbiddenError,
  RetryLaterError,
} from './community.errors.js';
import { requireWriter, type Viewer } from './viewer.models.js';

export interface SubmissionGates {
  /** 0: no limit. */
  maxPaperAgeDays: number;
  /** 0: no limit. */
  submissionsPerDay: number;
  requireVerifiedEmail: boolean;
}

export async function submitPaper(opts: {
  store: Store;
  arxiv: SubmissionLookup;
  gates: SubmissionGates;
  viewer: Viewer | null;
  input: unknown;
  now?: Date;
}) {
  const { store, gates } = opts;
  const viewer = requireWriter(opts.viewer, gates);
  const now = opts.now ?? new Date();
  const text = typeof opts.input === 'string' ? opts.input : '';
  const ref = parseArxivRef(text);
  if (!ref) {
    throw new InvalidInputError(
      'submissions.invalid_id',
      `"${text.trim().slice(0, 100)}" is not an arXiv id or URL (e.g. 2401.01234, hep-th/9901001 or https://arxiv.org/abs/2401.01234).`,
    );
  }
  const stored = await store.papers.findByArxivId(ref.id);
  if (stored) await refuseDuplicate(store, stored);
  const paper: Paper = stored ?? (await fetchFromArxiv(opts.arxiv, ref.id, String(viewer.id)));
  checkAge(paper, gates, now, await ageRuleDate(store, paper));
  const today = todayUtc(now);
  const dailyLimitReached = () =>
    new ForbiddenError(
      'submissions.daily_limit',
      `You have submitted ${gates.submissionsPerDay} papers today, the daily limit here; please come back tomorrow (UTC).`,
    );
  // Checked early so an over-limit submission costs no arXiv request; addSubmission checks again, exactly.
  if (
    gates.submissionsPerDay > 0 &&
    (await store.submissions.countSubmittedOn(viewer.id, today)) >= gates.submissionsPerDay
  ) {
    throw dailyLimitReached();
  }
  if (!stored) await store.papers.upsertMany([paper]);
  const saved = stored ?? (await store.papers.findByArxivId(ref.id))!;
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

async function fetchFromArxiv(arxiv: SubmissionLookup, id: string, requester: string): Promise<Paper> {
  let found: Paper[];
  try {
    found = await arxiv.fetchPapers([id], { requester });
  } catch (error) {
    // Refusals and "queued, try again in N s" pass through as they are; only a failure of arXiv becomes 502.
    if (error instanceof AppError && (error.status < 500 || error instanceof RetryLaterError)) throw error;
    throw new ArxivUnavailableError();
  }
  const paper = found.find((p) => p.arxivId === id);
  if (!paper) throw new NotFoundError('submissions.not_found', `arXiv has no paper ${id}; check the id.`);
  return paper;
}

/** `since`: arXiv's first-version date, or the load day for the demo's unlisted papers (demo/demo-clock.ts). */
function checkAge(paper: Paper, gates: SubmissionGates, now: Date, since: string): void {
  if (gates.maxPaperAgeDays <= 0) return;
  const ageDays = (now.getTime() - Date.parse(since)) / 86_400_000;
  if (ageDays > gates.maxPaperAgeDays) {
    throw new ForbiddenError(
      'submissions.too_old',
      `Only papers first published on arXiv in the last ${gates.maxPaperAgeDays} days can be submitted; ${paper.arxivId} appeared on ${since.slice(0, 10)}.`,
    );
  }
}
