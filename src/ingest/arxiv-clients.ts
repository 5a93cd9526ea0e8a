// The one place that turns configuration into arXiv clients — OAI-PMH, the API and the new-submission listings —
// for the CLI, the jobs and paper submission alike. The endpoints are configuration (tests point them at a loopback
// server) and nothing else is ever fetched; every client of one fetcher shares its polite pause.
import type { Config } from '../config/config.js';
import { type ArxivApiClient, createArxivApiClient } from './arxiv-api/api-client.js';
import {
  buildUserAgent,
  createPoliteFetcher,
  type PoliteFetcher,
  type PoliteFetcherOptions,
} from './http/polite-fetcher.js';
import { createListingClient, type ListingClient } from './listing/listing-client.js';

const VERSION = '0.1.0';

/**
 * Who waits for the answer. `background` (harvest, listings, `fetch`): five retries, `Retry-After` obeyed up to
 * five minutes. `reader` (paper submission): a person is waiting, so one retry and an answer within seconds; the
 * pause between requests is still honoured (the lookup queue keeps it from becoming a long wait for everyone).
 */
export type ArxivPatience = 'background' | 'reader';

export interface ArxivClientOptions {
  patience?: ArxivPatience;
  /** Longest `Retry-After` obeyed (background only; tests shorten it). */
  maxRetryAfterMs?: number;
  onAttempt?: PoliteFetcherOptions['onAttempt'];
}

/** What `harvest` needs to talk OAI-PMH. */
export interface OaiEndpoint {
  fetcher: PoliteFetcher;
  baseUrl: string;
}

export interface ArxivClients {
  fetcher: PoliteFetcher;
  oai: OaiEndpoint;
  api: ArxivApiClient;
  listing: ListingClient;
}

export function createArxivFetcher(config: Config, opts: ArxivClientOptions = {}): PoliteFetcher {
  const common = {
    userAgent: buildUserAgent({ version: VERSION, contact: config.arxiv.contact || config.server.publicUrl }),
    minDelayMs: config.arxiv.requestDelaySeconds * 1000,
    onAttempt: opts.onAttempt,
  };
  if (opts.patience === 'reader') {
    return createPoliteFetcher({
      ...common,
      timeoutMs: Math.min(config.arxiv.timeoutSeconds, 20) * 1000,
      maxRetries: 1,
      maxRetryAfterMs: 5000,
      backoffBaseMs: 1000,
      backoffMaxMs: 5000,
    });
  }
  return createPoliteFetcher({
    ...common,
    timeoutMs: config.arxiv.timeoutSeconds * 1000,
    maxRetries: 5,
    maxRetryAfterMs: opts.maxRetryAfterMs,
  });
}

/** The clients of the configured endpoints over one fetcher (so they share its pause). */
export function arxivClientsOver(config: Config, fetcher: PoliteFetcher): ArxivClients {
  return {
    fetcher,
    oai: { fetcher, baseUrl: config.arxiv.oaiUrl },
    api: createArxivApiClient({ fetcher, baseUrl: config.arxiv.apiUrl }),
    listing: createListingClient({ fetcher, baseUrl: config.arxiv.listingUrl }),
  };
}

export function createArxivClients(config: Config, opts: ArxivClientOptions = {}): ArxivClients {
  return arxivClientsOver(config, createArxivFetcher(config, opts));
}
