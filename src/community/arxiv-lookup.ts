// The arXiv API client behind paper submission. A reader is waiting for the answer, so unlike the harvester's
// fetcher (five retries, Retry-After obeyed up to five minutes) it retries once and gives up within seconds;
// arXiv's pause between requests is still honoured.
import type { Config } from '../config/config.js';
import { type ArxivApiClient, createArxivApiClient } from '../ingest/arxiv-api/api-client.js';
import { buildUserAgent, createPoliteFetcher, type PoliteFetcherOptions } from '../ingest/http/polite-fetcher.js';

export function createSubmissionLookup(
  config: Config,
  opts: { onAttempt?: PoliteFetcherOptions['onAttempt'] } = {},
): ArxivApiClient {
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
  return createArxivApiClient({ fetcher, baseUrl: config.arxiv.apiUrl });
}
