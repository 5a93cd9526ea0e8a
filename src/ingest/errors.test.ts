// The ingest errors speak the one error vocabulary: each is an AppError whose code is declared once, with the
// status it declares — arXiv failing us is 5xx (never passed on to a reader as if it were their mistake), a bad
// snapshot line or bad ids are the caller's input (400) — and keeps the name, message and fields it always had.
import { describe, expect, it } from 'vitest';
import { AppError, declaredErrors } from '../core/errors.js';
import { ArxivApiError, ArxivApiParseError, InvalidArxivIdsError } from './arxiv-api/errors.js';
import { ArxivHttpError, ArxivNetworkError, ArxivTimeoutError } from './http/errors.js';
import { ListingParseError } from './listing/errors.js';
import { OaiError, OaiParseError } from './oai/errors.js';
import { NotJsonLinesError, SnapshotLineError, SnapshotReadError } from './snapshot/errors.js';

const url = 'http://127.0.0.1/oai';

describe('ingest errors', () => {
  const cases: Array<[AppError, string, string, number]> = [
    [new ArxivHttpError({ status: 404, url, body: 'x' }), 'ArxivHttpError', 'arxiv.http_error', 502],
    [new ArxivTimeoutError({ url, timeoutMs: 5 }), 'ArxivTimeoutError', 'arxiv.timeout', 503],
    [new ArxivNetworkError({ url, cause: new Error('refused') }), 'ArxivNetworkError', 'arxiv.network_error', 503],
    [new ArxivApiError({ detail: 'no', errorId: 'e' }), 'ArxivApiError', 'arxiv.api_error', 502],
    [new ArxivApiParseError('bad'), 'ArxivApiParseError', 'arxiv.api_parse_error', 502],
    [new InvalidArxivIdsError(['x']), 'InvalidArxivIdsError', 'arxiv.invalid_ids', 400],
    [new ListingParseError('bad'), 'ListingParseError', 'arxiv.listing_parse_error', 502],
    [new OaiParseError('bad'), 'OaiParseError', 'oai.parse_error', 502],
    [
      new SnapshotLineError({ lineNumber: 3, problem: 'bad_id', detail: 'x' }),
      'SnapshotLineError',
      'snapshot.bad_id',
      400,
    ],
    [new NotJsonLinesError({ path: '/f', reason: 'r' }), 'NotJsonLinesError', 'snapshot.not_json_lines', 400],
    [
      new SnapshotReadError({ path: '/f', lineNumber: 1, cause: 'eof' }),
      'SnapshotReadError',
      'snapshot.read_failed',
      500,
    ],
  ];

  it.each(cases)('%s is an AppError named %s with its declared code %s and status %i', (error, name, code, status) => {
    expect(error).toBeInstanceOf(AppError);
    expect([error.name, error.code, error.status]).toEqual([name, code, status]);
    expect(declaredErrors().find((d) => d.code === code)?.status).toBe(status);
  });

  it('keeps the messages and fields operators and tests read', () => {
    const http = new ArxivHttpError({ status: 404, url, body: 'gone' });
    expect(http.message).toBe(`arXiv answered HTTP 404 for ${url}`);
    expect([http.arxivStatus, http.url, http.body]).toEqual([404, url, 'gone']);
    const line = new SnapshotLineError({ lineNumber: 7, problem: 'missing_title', detail: 'no "title"' });
    expect([line.message, line.lineNumber, line.problem]).toEqual(['line 7: no "title"', 7, 'missing_title']);
    // A repository's own OAI code is kept as it came (it cannot be declared in advance).
    const oai = new OaiError({ code: 'badResumptionToken', detail: 'expired', url });
    expect([oai.code, oai.status, oai.detail]).toEqual(['badResumptionToken', 502, 'expired']);
  });
});
