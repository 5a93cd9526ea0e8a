import { createArxivFetcher, harvestIntoStore, pollNewSubmissions } from '../ingest/arxiv.usecases.js';
import type { Services } from '../services.js';
import type { JobDefinition } from './job.js';

/**
 * Every background job, in one place, with its schedule from configuration. Jobs are thin wrappers around use
 * cases; `dailypapers jobs run NAME` runs the same definition once.
 */
export function declareJobs(services: Services): JobDefinition[] {
  const { store, config } = services;
  return [
    {
      name: 'harvest',
      doc: 'Incremental OAI-PMH harvest of the configured sets, from the last harvested datestamp.',
      schedule: config.jobs.harvestCron,
      leaseMs: 10 * 60_000,
      async run({ signal }) {
        const summary = await harvestIntoStore({ store, config, fetcher: createArxivFetcher(config), signal });
        return {
          changed: summary.changed,
          message: `harvested ${summary.records} records: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.withdrawn} withdrawn`,
        };
      },
    },
    {
      name: 'listings',
      doc: "Polls arXiv's new-submission listings of the followed categories (lists them in auto mode).",
      schedule: config.jobs.listingCron,
      async run({ signal, logger }) {
        const totals = await pollNewSubmissions({ store, config, logger, fetcher: createArxivFetcher(config), signal });
        return {
          changed: totals.inserted + totals.updated + totals.listed > 0,
          message: `polled listings: ${totals.fetched} announced, ${totals.inserted} new, ${totals.updated} updated, ${totals.listed} listed`,
        };
      },
    },
  ];
}
