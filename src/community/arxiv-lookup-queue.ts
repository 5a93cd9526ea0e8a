// Fair access to the arXiv API for paper submission. The polite fetcher spaces every request to arXiv (rightly:
// arXiv asks for it), so lookups form one queue; without a rule, eight people submitting unknown papers at once
// waited 3, 9, 15 … 45 s behind each other (issue 15). The rules:
//  - each person has at most one lookup in the queue: a second one while the first runs is refused with
//    "your lookup is still running, try again in N s" (429), so nobody can fill the queue alone;
//  - nobody is made to wait longer than `maxWaitMs` for their turn: when the queue is that long, the answer at
//    once is "arXiv lookups are queued, try again in N s" (503 with Retry-After) instead of a long wait;
//  - a paper already being looked up for someone else is not asked again: the second submitter shares the answer.
import type { Paper } from '../core/paper.js';
import type { ArxivApiClient } from '../ingest/arxiv-api/api-client.js';
import { LookupInProgressError, LookupQueueFullError } from './submissions.errors.js';

export interface SubmissionLookup {
  /** Papers for `ids`; `requester` (a user id) is who waits for the answer. */
  fetchPapers(ids: string[], opts?: { requester?: string; signal?: AbortSignal }): Promise<Paper[]>;
}

export function createLookupQueue(opts: {
  client: ArxivApiClient;
  /** What one lookup costs the queue: the polite pause plus a typical answer time. */
  slotMs: number;
  /** Longest wait for one's turn before the answer is "try again later" instead. */
  maxWaitMs: number;
}): SubmissionLookup {
  let queued = 0;
  const byRequester = new Set<string>();
  const inFlight = new Map<string, Promise<Paper[]>>();
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async fetchPapers(ids, fetchOpts = {}) {
      const key = [...ids].sort().join(',');
      const shared = inFlight.get(key);
      if (shared) return shared;
      const requester = fetchOpts.requester;
      if (requester !== undefined && byRequester.has(requester))
        throw new LookupInProgressError(seconds(queued * opts.slotMs));
      const waitMs = queued * opts.slotMs;
      if (waitMs > opts.maxWaitMs) throw new LookupQueueFullError(seconds(waitMs), queued);
      queued++;
      if (requester !== undefined) byRequester.add(requester);
      const lookup = opts.client.fetchPapers(ids, { signal: fetchOpts.signal }).finally(() => {
        queued--;
        if (requester !== undefined) byRequester.delete(requester);
        inFlight.delete(key);
      });
      inFlight.set(key, lookup);
      return lookup;
    },
  };
}
