// The content area's error codes, as clients see them: each declared once (core/errors.ts refuses a second
// declaration at import time), with the status the API has always answered. The table is the contract, written out
// by hand; a code whose status drifts, or that vanishes, fails here.
import { describe, expect, it } from 'vitest';
import { declaredErrors } from '../core/errors.js';
import '../papers/papers.errors.js';
import './claims.errors.js';
import './collections.errors.js';
import './comments.errors.js';
import './moderation.errors.js';
import './submissions.errors.js';
import './votes.errors.js';
import { DuplicateSubmissionError, LookupInProgressError, LookupQueueFullError } from './submissions.errors.js';

const CONTRACT: Record<string, number> = {
  'authors.not_found': 404,
  'claims.decided': 409,
  'claims.duplicate': 409,
  'claims.invalid_author': 400,
  'claims.not_found': 404,
  'collections.forbidden': 403,
  'collections.invalid_input': 400,
  'collections.name_taken': 409,
  'collections.not_found': 404,
  'comments.closed': 403,
  'comments.empty': 400,
  'comments.forbidden': 403,
  'comments.gone': 409,
  'comments.not_found': 404,
  'comments.too_long': 400,
  'comments.unconfirmed': 400,
  'listings.not_found': 404,
  'moderation.forbidden': 403,
  'moderation.invalid_reason': 400,
  'moderation.invalid_role': 403,
  'papers.invalid_id': 400,
  'papers.invalid_period': 400,
  'papers.not_found': 404,
  'papers.not_on_arxiv': 404,
  'submissions.arxiv_queued': 503,
  'submissions.arxiv_unavailable': 502,
  'submissions.daily_limit': 403,
  'submissions.duplicate': 409,
  'submissions.invalid_id': 400,
  'submissions.lookup_in_progress': 429,
  'submissions.not_found': 404,
  'submissions.too_old': 403,
  'users.not_found': 404,
  'votes.not_listed': 404,
};

describe('the error vocabulary of papers, comments, collections, claims, submissions, votes and moderation', () => {
  it('declares every code once, with the status clients have always seen', () => {
    const declared = Object.fromEntries(declaredErrors().map((e) => [e.code, e.status]));
    for (const [code, status] of Object.entries(CONTRACT)) expect(declared[code], code).toBe(status);
  });

  it('raises the errors that carry more than a message under their declared code and status', () => {
    const duplicate = new DuplicateSubmissionError('2401.01234', '2024-01-02', false);
    expect([duplicate.code, duplicate.status, duplicate.message]).toEqual([
      'submissions.duplicate',
      409,
      'Paper 2401.01234 is already listed (since 2024-01-02); upvote it there instead.',
    ]);
    expect(new LookupInProgressError(5)).toMatchObject({ code: 'submissions.lookup_in_progress', status: 429 });
    const queued = new LookupQueueFullError(60, 3);
    expect(queued).toMatchObject({ code: 'submissions.arxiv_queued', status: 503, retryAfterSeconds: 60 });
    expect(queued.message).toContain('(3 ahead of you');
    expect(queued.message).toContain('try again in 60 seconds');
  });
});
