import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';

describe('parseRetryAfterMs', () => {
  const nowMs = Date.parse('2018-06-21T14:30:51Z');

  it('reads delta-seconds, the form arXiv sends with its 503', () => {
    expect(parseRetryAfterMs({ header: '10', nowMs })).toBe(10_000);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfterMs({ header: 'Thu, 21 Jun 2018 14:31:21 GMT', nowMs })).toBe(30_000);
  });

  it('treats a date in the past as "retry now"', () => {
    expect(parseRetryAfterMs({ header: 'Thu, 21 Jun 2018 14:00:00 GMT', nowMs })).toBe(0);
  });

  it('returns null for a missing or unreadable header', () => {
    expect(parseRetryAfterMs({ header: null, nowMs })).toBeNull();
    expect(parseRetryAfterMs({ header: 'soon', nowMs })).toBeNull();
    expect(parseRetryAfterMs({ header: '-5', nowMs })).toBeNull();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt, jittered between half and all of the step, and never passes the cap', () => {
    expect(backoffMs({ attempt: 0, baseMs: 1000, maxMs: 60_000, random: () => 0 })).toBe(500);
    expect(backoffMs({ attempt: 2, baseMs: 1000, maxMs: 60_000, random: () => 1 })).toBe(4000);
    expect(backoffMs({ attempt: 20, baseMs: 1000, maxMs: 60_000, random: () => 1 })).toBe(60_000);
  });
});

describe('isRetryableStatus', () => {
  it('retries throttling and server errors, not client errors', () => {
    expect([429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true]);
    expect([200, 400, 404].map(isRetryableStatus)).toEqual([false, false, false]);
  });
});
