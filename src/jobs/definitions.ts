import type { DigestRunDeps } from '../digest/digest.usecases.js';
import { runDigests } from '../digest/digest.usecases.js';
import { createDigestMailer } from '../digest/digest-mailer.js';
import { harvestIntoStore, pollNewSubmissions } from '../ingest/arxiv.usecases.js';
import { createArxivFetcher } from '../ingest/arxiv-clients.js';
import { refreshKeywords } from '../keywords/keywords.usecases.js';
import type { MailMode } from '../mail/mail-mode.js';
import { fanOutFollowedAuthorPapers, fanOutPaperEvents } from '../notifications/fan-out.usecases.js';
import { runNotificationMails } from '../notifications/notification-mail.usecases.js';
import { pruneNotifications } from '../notifications/notifications.usecases.js';
import type { Metrics } from '../operations/metrics.js';
import { storeChangeFeed } from '../papers/search.usecases.js';
import { syncSearchIndex } from '../search/index.js';
import { summarisePapers, summarizerFromConfig } from '../summaries/summaries.usecases.js';
import { embedPendingPapers } from './embed.usecases.js';
import type { JobContext, JobDefinition } from './job.js';
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
  /**
   * Paper events and new papers by followed authors into notifications. The harvest and listings jobs call it as
   * they finish, so a reader hears the news then rather than at the next tick of its own schedule; both fan-outs are
   * checkpointed and idempotent, so running it from several jobs (or twice) tells nobody twice.
   */
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const fanOut = async ({ signal }: Pick<JobContext, 'signal'>) => {
    const events = await fanOutPaperEvents({ store, signal });
    const authors = await fanOutFollowedAuthorPapers({ store, signal });
    return {
      changed: events.notified + authors.notified > 0,
      message: `notifications: ${count(events.events, 'paper event')} (${events.notified} notified), ${count(authors.papers, 'new paper')} (${authors.matched} by followed authors, ${authors.notified} notified)`,
    };
  };
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
        const notified = await fanOut({ signal });
        return {
          changed: summary.changed,
          message: `harvested ${summary.records} records: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.withdrawn} withdrawn; ${notified.message}`,
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
        const notified = await fanOut({ signal });
        return {
          changed: totals.inserted + totals.updated + totals.listed > 0,
          message: `polled listings: ${totals.fetched} announced, ${totals.inserted} new, ${totals.updated} updated, ${totals.listed} listed; ${notified.message}`,
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
      name: 'notification-mails',
      doc: 'Batches waiting notifications into one e-mail per user (at most hourly) and drains their outbox over SMTP.',
      schedule: config.jobs.notificationMailCron,
      leaseMs: 10 * 60_000,
      async run({ signal, logger }) {
        // As for digests: without a transport nothing could be delivered, so nothing is batched either (and the
        // notifications are not mailed later: they are only mailed within MAIL_STALE_HOURS of happening).
        if (services.mailMode === 'none') {
          return {
            changed: false,
            message: 'e-mail is off (mail.transport=none): no notification mails built or sent',
          };
        }
        const mailer = createDigestMailer({ config, logger });
        try {
          const { batch, drain } = await runNotificationMails({
            store,
            mailer,
            secret: services.secret,
            origin: config.server.publicUrl,
            settings: config.digest,
            holder: INSTANCE_ID,
            logger,
            signal,
          });
          return {
            changed: batch.mails > 0 || drain.sent > 0,
            message: `notification mails: ${batch.mails} built (${batch.notifications} notifications, ${batch.waiting} users within their hour), ${drain.sent} sent, ${drain.retrying} retrying, ${drain.failed} failed, ${drain.skipped} skipped`,
          };
        } finally {
          mailer.close();
        }
      },
    },
    {
      name: 'notifications-fan-out',
      doc: 'Turns new versions, withdrawals and new papers by followed authors into notifications (checkpointed; the harvest and listings jobs also run it as they finish).',
      schedule: config.jobs.notificationFanOutCron,
      run: fanOut,
    },
    {
      name: 'notifications-prune',
      doc: 'Deletes old notifications: read ones after 90 days, unread ones after a year, and beyond the newest 500 per user.',
      schedule: config.jobs.notificationPruneCron,
      async run() {
        const pruned = await pruneNotifications({ store });
        return {
          changed: pruned.notifications + pruned.mails > 0,
          message: `pruned ${pruned.notifications} notifications and ${pruned.mails} settled notification mails`,
        };
      },
    },
    {
      name: 'keywords',
      doc: 'Extracts keywords of new and edited papers from their title and abstract, weighted by the search index (resumable; no model needed).',
      schedule: config.keywords.cron,
      async run({ signal }) {
        // A worker process (serve --mode worker) has no search follower: bring its index up to date first, since
        // the extractor weighs words by the index's document frequencies.
        await syncSearchIndex({ index: services.search, fetchChanges: storeChangeFeed(store), signal });
        const r = await refreshKeywords({ store, index: services.search, signal });
        if (r.skipped) return { changed: false, message: `keywords: nothing done (${r.skipped})` };
        return {
          changed: r.written > 0,
          message: `keywords: ${r.checked} papers checked, ${r.written} written${r.interrupted ? ' (interrupted)' : ''}`,
        };
      },
    },
    {
      name: 'summaries',
      doc: 'Asks the configured chat endpoint for a one-sentence summary of papers whose abstract has none yet (resumable, rate-limited; needs summaries.provider).',
      schedule: config.summaries.provider === 'none' ? '' : config.summaries.cron,
      leaseMs: 10 * 60_000,
      async run({ signal, logger }) {
        const summarizer = summarizerFromConfig(config);
        if (!summarizer) return { changed: false, message: 'summaries.provider is none: no summaries to write' };
        const r = await summarisePapers({ store, summarizer, maxPerRun: config.summaries.maxPerRun, signal });
        if (r.failure) logger.warn({ failure: r.failure }, 'summary endpoint failing; the next run resumes here');
        return {
          changed: r.summarised + r.refused > 0,
          message: `summaries: ${r.summarised} written, ${r.refused} refused by the endpoint${r.failure ? `; stopped: ${r.failure}` : ''}${r.interrupted ? ' (interrupted)' : ''}`,
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
