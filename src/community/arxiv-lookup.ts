// The arXiv API client behind paper submission. A reader is waiting for the answer, so unlike the harvester's
// fetcher (five retries, Retry-After obeyed up to five minutes) it retries once and gives up within seconds;
// arXiv's pause between requests is still honoured, and the lookup queue in front of it keeps that pause from
// turning into a long wait for everyone (arxiv-lookup-queue.ts).
import type { Config } from '../config/config.js';
import { createArxivApiClient } from '../ingest/arxiv-api/api-client.js';
import { buildUserAgent, createPoliteFetcher, type PoliteFetcherOptions } from '../ingest/http/polite-fetcher.js';
import { createLookupQueue, type SubmissionLookup } from './arxiv-lookup-queue.js';

/** A typical answer time of the arXiv API for one id, added to the polite pause to estimate a turn in the queue. */
const TYPICAL_ANSWER_MS = 1000;

export function createSubmissionLookup(
  config: Config,
  opts: { onAttempt?: PoliteFetcherOptions['onAttempt'] } = {},
): SubmissionLookup {
  const fetcher = createPoliteFetcher({
    userAgent: buildUserAgent({ version: '0.1.0', contact: config.arxiv.contact || config.server.publicUrl }),
    minDelayMs: config.arxiv.requestDelaySeconds * 1000,
    timeoutMs: Math.min(config.arxiv.timeoutSeconds, 20) * 1000,
    maxRetries: 1,
    maxRetryAfterMs: 5000,
    backoffBaseMs: 1000,
    backoffMaxMs: 5000,
    onAttempt: opts.onAttempt,
  });
  return createLookupQueue({
    client: createArxivApiClient({ fetcher, baseUrl: config.arxiv.apiUrl }),
    slotMs: config.arxiv.requestDelaySeconds * 1000 + TYPICAL_ANSWER_MS,
    maxWaitMs: config.arxiv.lookupMaxWaitSeconds * 1000,
  });
}
