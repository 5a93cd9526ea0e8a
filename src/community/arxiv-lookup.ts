// The arXiv API client behind paper submission. A reader is waiting for the answer, so it is built with the
// `reader` patience of the one client factory (ingest/arxiv-clients.ts): one retry, an answer within seconds;
// arXiv's pause between requests is still honoured, and the lookup queue in front of it keeps that pause from
// turning into a long wait for everyone (arxiv-lookup-queue.ts).
import type { Config } from '../config/config.js';
import { createArxivClients } from '../ingest/arxiv-clients.js';
import type { PoliteFetcherOptions } from '../ingest/http/polite-fetcher.js';
import { createLookupQueue, type SubmissionLookup } from './arxiv-lookup-queue.js';

/** A typical answer time of the arXiv API for one id, added to the polite pause to estimate a turn in the queue. */
const TYPICAL_ANSWER_MS = 1000;

export function createSubmissionLookup(
  config: Config,
  opts: { onAttempt?: PoliteFetcherOptions['onAttempt'] } = {},
): SubmissionLookup {
  return createLookupQueue({
    client: createArxivClients(config, { patience: 'reader', onAttempt: opts.onAttempt }).api,
    slotMs: config.arxiv.requestDelaySeconds * 1000 + TYPICAL_ANSWER_MS,
    maxWaitMs: config.arxiv.lookupMaxWaitSeconds * 1000,
  });
}
