import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { todayUtc } from '../core/dates.js';
import type { Store } from '../store/store.js';
import { createArxivApiClient } from './arxiv-api/api-client.js';
import {
  buildUserAgent,
  createPoliteFetcher,
  type PoliteFetcher,
  type PoliteFetcherOptions,
} from './http/polite-fetcher.js';
import { createListingClient } from './listing/listing-client.js';
import { type HarvestProgress, type HarvestSummary, harvest } from './oai/harvest.js';
import type { OaiFormat } from './oai/list-records.js';

// One place that turns configuration into arXiv clients: the endpoints are configuration (tests point them at a
// loopback server) and nothing else is ever fetched.

const VERSION = '0.1.0';

export function createArxivFetcher(
  config: Config,
  opts: { maxRetryAfterMs?: number; onAttempt?: PoliteFetcherOptions['onAttempt'] } = {},
): PoliteFetcher {
  return createPoliteFetcher({
    userAgent: buildUserAgent({ version: VERSION, contact: config.arxiv.contact || config.server.publicUrl }),
    minDelayMs: config.arxiv.requestDelaySeconds * 1000,
    timeoutMs: config.arxiv.timeoutSeconds * 1000,
    maxRetries: 5,
    maxRetryAfterMs: opts.maxRetryAfterMs,
    onAttempt: opts.onAttempt,
  });
}

/** Harvests OAI-PMH into the store: new versions update papers, deleted records mark them withdrawn. */
export async function harvestIntoStore(opts: {
  store: Store;
  fetcher: PoliteFetcher;
  config: Config;
  from?: string;
  until?: string;
  sets?: string[];
  format?: OaiFormat;
  signal?: AbortSignal;
  onProgress?: (p: HarvestProgress) => void;
}): Promise<HarvestSummary> {
  const { store, config } = opts;
  const format = opts.format ?? config.arxiv.oaiFormat;
  const sets = opts.sets ?? config.arxiv.oaiSets;
  const checkpointName = `harvest:${format}:${sets.join(',') || '*'}`;
  return harvest({
    fetcher: opts.fetcher,
    baseUrl: config.arxiv.oaiUrl,
    from: opts.from,
    until: opts.until,
    sets,
    format,
    signal: opts.signal,
    onProgress: opts.onProgress,
    checkpoint: {
      load: () => store.checkpoints.get(checkpointName),
      save: (c) => store.checkpoints.set(checkpointName, c),
    },
    storePage: async (records) => {
      const papers = records.flatMap((r) => (r.paper ? [r.paper] : []));
      const deleted = records.flatMap((r) => (r.header.deleted && r.header.arxivId ? [r.header.arxivId] : []));
      const counts = await store.papers.upsertMany(papers);
      const withdrawn = await store.papers.markWithdrawn(deleted);
      return { ...counts, withdrawn };
    },
  });
}

/** Fetches papers by id from the arXiv API and stores them. */
export async function fetchIntoStore(opts: { store: Store; fetcher: PoliteFetcher; config: Config; ids: string[] }) {
  const client = createArxivApiClient({ fetcher: opts.fetcher, baseUrl: opts.config.arxiv.apiUrl });
  const papers = await client.fetchPapers(opts.ids);
  const counts = await opts.store.papers.upsertMany(papers);
  return { papers, ...counts };
}

/**
 * Polls the new-submission listing of every followed category, stores the papers and — in `auto` mode — lists
 * them on today's daily page. Weekend and holiday feeds are empty: that is a successful poll with nothing new.
 */
export async function pollNewSubmissions(opts: {
  store: Store;
  fetcher: PoliteFetcher;
  config: Config;
  logger: Logger;
  now?: Date;
  signal?: AbortSignal;
}) {
  const { store, config } = opts;
  const client = createListingClient({ fetcher: opts.fetcher, baseUrl: config.arxiv.listingUrl });
  const autoCategories = new Set(
    config.listing.autoCategories.length ? config.listing.autoCategories : config.listing.categories,
  );
  const today = todayUtc(opts.now);
  const totals = { fetched: 0, inserted: 0, updated: 0, listed: 0 };
  for (const category of config.listing.categories) {
    if (opts.signal?.aborted) break;
    // Cross-lists and replacements are announced too; only genuinely new papers go on the daily list.
    const items = await client.fetchNewSubmissions(category);
    const counts = await store.papers.upsertMany(items.map((i) => i.paper));
    totals.fetched += items.length;
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    if (config.listing.mode !== 'auto' || !autoCategories.has(category)) continue;
    for (const item of items.filter((i) => i.announceType === 'new')) {
      const stored = await store.papers.findByArxivId(item.paper.arxivId);
      if (stored && (await store.listings.add({ paperId: stored.id, listedOn: today, submittedBy: null })))
        totals.listed++;
    }
    opts.logger.debug({ category, items: items.length }, 'listing polled');
  }
  return totals;
}
