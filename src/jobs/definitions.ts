import type { DigestRunDeps } from '../digest/digest.usecases.js';
import { runDigests } from '../digest/digest.usecases.js';
import { harvestIntoStore, pollNewSubmissions } from '../ingest/arxiv.usecases.js';
import { createArxivFetcher } from '../ingest/arxiv-clients.js';
import type { MailMode } from '../mail/mail-mode.js';
import type { Metrics } from '../operations/metrics.js';
import { embedPendingPapers } from './embed.usecases.js';
import type { JobDefinition } from './job.js';
import { INSTANCE_ID } from './runner.js';

/**
 * Every background job, in one place, with its schedule from configuration. Jobs are thin wrappers around use
 * cases; `dailypapers jobs run NAME` runs the same definition once.
 */
/** What the scheduled jobs need of the application's services (services.ts passes itself). */
export interface JobDeps extends DigestRunDeps {
  metrics: Metrics;
  mailMode: MailMode;
}

export function declareJobs(services: JobDeps): JobDefinition[] {
  const { store, config } = services;
  return [
    {
      name: 'harvest',
      doc: 'Incremental OAI-PMH harvest of the configured sets, from the last harvested datestamp.',
      schedule: config.jobs.harvestCron,
      leaseMs: 10 * 60_000,
      async run({ signal }) {
        const summary = await harvestIntoStore({
          store,
          config,
          fetcher: createArxivFetcher(config, { onAttempt: services.metrics.arxivAttempts('harvest') }),
          signal,
        });
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
        const totals = await pollNewSubmissions({
          store,
          config,
          logger,
          fetcher: createArxivFetcher(config, { onAttempt: services.metrics.arxivAttempts('listings') }),
          signal,
        });
        return {
          changed: totals.inserted + totals.updated + totals.listed > 0,
          message: `polled listings: ${totals.fetched} announced, ${totals.inserted} new, ${totals.updated} updated, ${totals.listed} listed`,
        };
      },
    },
    {
      name: 'digests',
      doc: 'Retrains changed recommendation models, builds the e-mail digests now due and drains the outbox over SMTP.',
      schedule: config.jobs.digestCron,
      leaseMs: 10 * 60_000,
      async run({ signal }) {
        // Without a transport nothing could be delivered; building would only fill the outbox (`digest run --dry-run`
        // previews). The subscribe forms say the same to visitors.
        if (services.mailMode === 'none') {
          return { changed: false, message: 'e-mail is off (mail.transport=none): no digests built or sent' };
        }
        const s = await runDigests({ services, kinds: ['daily', 'weekly'], holder: INSTANCE_ID, signal });
        const built = s.build.reduce((n, b) => n + b.built - b.empty, 0);
        const d = s.drain;
        return {
          changed: built > 0 || (d?.sent ?? 0) > 0,
          message: `digests: ${s.trained} model(s) retrained, ${built} built, ${d?.sent ?? 0} sent, ${d?.retrying ?? 0} retrying, ${d?.failed ?? 0} failed, ${s.pruned} old sent-paper records forgotten`,
        };
      },
    },
    {
      name: 'embed',
      doc: 'Embeds indexed papers that have no vector yet for semantic and hybrid search (resumable; needs embeddings.provider).',
      // Vectors go to the store; every other process's search follower copies them into its own index.
      schedule: config.embeddings.provider === 'none' ? '' : config.embeddings.cron,
      leaseMs: 10 * 60_000,
      async run({ signal }) {
        if (config.embeddings.provider === 'none') {
          return { changed: false, message: 'embeddings.provider is none: search is keyword-only, nothing to embed' };
        }
        const r = await embedPendingPapers({ config, index: services.search, store, signal });
        return {
          changed: r.embedded > 0,
          message: `embedded ${r.embedded} papers with ${r.model}${r.interrupted ? ' (interrupted)' : ''}`,
        };
      },
    },
  ];
}
