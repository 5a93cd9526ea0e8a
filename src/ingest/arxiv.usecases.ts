import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { todayUtc } from '../core/dates.js';
import type { Store } from '../store/store.js';
import { arxivClientsOver } from './arxiv-clients.js';
import type { PoliteFetcher } from './http/polite-fetcher.js';
import { type HarvestProgress, type HarvestSummary, harvest } from './oai/harvest.js';
import type { OaiFormat } from './oai/list-records.js';

// The arXiv use cases: harvest, fetch by id, poll the listings. Each takes the fetcher it should share (see
// arxiv-clients.ts, which builds fetchers and clients from configuration).

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
    ...arxivClientsOver(config, opts.fetcher).oai,
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
  const papers = await arxivClientsOver(opts.config, opts.fetcher).api.fetchPapers(opts.ids);
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
  const client = arxivClientsOver(config, opts.fetcher).listing;
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
