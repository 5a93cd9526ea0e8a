// Errors of paper submission. Each code is declared once (core/errors.ts). Two carry more than a message: the
// duplicate names the listed paper (pages link to it), and "try again in N s" carries its wait (Retry-After).
import { AppError, createErrorFactory } from '../core/errors.js';
import { describeWait, RetryLaterError } from './community.errors.js';

export const submissionIdInvalid = createErrorFactory({
  code: 'submissions.invalid_id',
  status: 400,
  message: 'That is not an arXiv id or URL (e.g. 2401.01234, hep-th/9901001 or https://arxiv.org/abs/2401.01234).',
});

export const submissionNotOnArxiv = createErrorFactory({
  code: 'submissions.not_found',
  status: 404,
  message: 'arXiv has no such paper; check the id.',
});

export const submissionDailyLimit = createErrorFactory({
  code: 'submissions.daily_limit',
  status: 403,
  message: 'You have reached the daily limit of submissions here; please come back tomorrow (UTC).',
});

export const submissionTooOld = createErrorFactory({
  code: 'submissions.too_old',
  status: 403,
  message: 'Only papers first published on arXiv recently can be submitted.',
});

const duplicate = createErrorFactory({
  code: 'submissions.duplicate',
  status: 409,
  message: 'That paper is already listed; upvote it there instead.',
});

const arxivUnavailable = createErrorFactory({
  code: 'submissions.arxiv_unavailable',
  status: 502,
  message: 'arXiv could not be reached just now; nothing was saved. Please try again later.',
  expose: true,
});

const lookupInProgress = createErrorFactory({
  code: 'submissions.lookup_in_progress',
  status: 429,
  message: 'Your previous paper is still being looked up on arXiv; try again shortly.',
});

const arxivQueued = createErrorFactory({
  code: 'submissions.arxiv_queued',
  status: 503,
  message: 'arXiv lookups are queued; nothing was saved — try again shortly.',
  expose: true,
});

export function submissionInvalidId(text: string) {
  return submissionIdInvalid({
    message: `"${text.trim().slice(0, 100)}" is not an arXiv id or URL (e.g. 2401.01234, hep-th/9901001 or https://arxiv.org/abs/2401.01234).`,
  });
}

/** The paper is already listed: the message names the day, and `arxivId` lets pages link to the listing. */
export class DuplicateSubmissionError extends AppError {
  constructor(
    readonly arxivId: string,
    listedOn: string,
    readonly hidden: boolean,
  ) {
    super(
      duplicate.code,
      duplicate.status,
      hidden
        ? `Paper ${arxivId} was removed by the moderators and cannot be submitted again.`
        : `Paper ${arxivId} is already listed (since ${listedOn}); upvote it there instead.`,
    );
  }
}

/** arXiv could not be asked (network, timeout, 5xx); nothing was written. */
export class ArxivUnavailableError extends AppError {
  constructor() {
    super(arxivUnavailable.code, arxivUnavailable.status, arxivUnavailable.message);
  }
}

export class LookupInProgressError extends RetryLaterError {
  constructor(retryAfterSeconds: number) {
    super(
      lookupInProgress.code,
      429,
      `Your previous paper is still being looked up on arXiv; try again in ${describeWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
}

export class LookupQueueFullError extends RetryLaterError {
  constructor(retryAfterSeconds: number, ahead: number) {
    super(
      arxivQueued.code,
      503,
      `arXiv lookups are queued (${ahead} ahead of you, one every few seconds as arXiv asks); nothing was saved — try again in ${describeWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
}
