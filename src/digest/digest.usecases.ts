import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { todayUtc } from '../core/dates.js';
import type { Mailer } from '../mail/mailer.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';
import { unknownSubscriber } from './digest.errors.js';
import type { DigestPeriodKind } from './digest.models.js';
import { type BuildSummary, buildDigests } from './digest-build.usecases.js';
import { createDigestComposer } from './digest-mail.js';
import { createDigestMailer } from './digest-mailer.js';
import { createDryRunWriter } from './dry-run-writer.js';
import { type DrainSummary, drainOutbox } from './outbox-sender.js';
import { loadRecCorpus, type RecCorpus, trainActiveUsers } from './recommend/train.usecases.js';

/** What a digest run needs of the application's services (services.ts passes itself). */
export interface DigestRunDeps {
  store: Store;
  search: SearchIndex;
  config: Config;
  secret: string;
  logger: Logger;
}

export interface RunDigestsOptions {
  services: DigestRunDeps;
  kinds: DigestPeriodKind[];
  /** Build the period containing this UTC day for every subscriber; without it, what is due for each schedule. */
  day?: string;
  /** Only this subscriber. */
  email?: string;
  /** Write the mails to this folder instead of sending them; nothing is written to the database. */
  dryRunDir?: string;
  /** Defaults to the pooled SMTP mailer from configuration. */
  mailer?: Mailer;
  holder: string;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (stage: 'build' | 'send', counts: BuildSummary | DrainSummary) => void;
}

export interface RunDigestsSummary {
  trained: number;
  /** "Already sent" records older than digest.sentRecordDays that were forgotten. */
  pruned: number;
  build: BuildSummary[];
  drain: DrainSummary | null;
  /** Files written by a dry run (one mail each). */
  written: number;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * One digest run, the same from the CLI and the scheduled job: retrain changed recommendation models, build what is
 * due into the outbox, then drain the outbox over SMTP. Every step can be interrupted and re-run.
 */
export async function runDigests(opts: RunDigestsOptions): Promise<RunDigestsSummary> {
  const { store, config, logger } = opts.services;
  const now = opts.now ?? new Date();
  const email = opts.email ? normaliseEmail(opts.email) : undefined;
  const subscriber = email ? await store.subscriptions.findByEmail(email) : null;
  if (email && !subscriber) throw unknownSubscriber({ message: `No subscription for ${email}` });
  let corpus: Promise<RecCorpus> | null = null;
  const recCorpus = () => {
    corpus ??= loadRecCorpus({ store, today: todayUtc(now) });
    return corpus;
  };
  // Refuse before building anything: built digests nobody can send would only wait in the outbox.
  const mailer = opts.dryRunDir ? null : (opts.mailer ?? createDigestMailer({ config, logger }));
  const summary: RunDigestsSummary = { trained: 0, pruned: 0, build: [], drain: null, written: 0 };
  if (!opts.dryRunDir) {
    const training = await trainActiveUsers({
      store,
      corpus: recCorpus,
      now,
      activeDays: config.digest.recommendationsActiveDays,
      signal: opts.signal,
    });
    summary.trained = training.trained;
    summary.pruned = await store.digestOutbox.pruneSentRecords(
      new Date(now.getTime() - config.digest.sentRecordDays * 86_400_000).toISOString(),
    );
  }
  const origin = config.server.publicUrl;
  const composer = createDigestComposer({ store, secret: opts.services.secret, origin, recCorpus });
  const writer = opts.dryRunDir ? createDryRunWriter({ dir: opts.dryRunDir, composer }) : null;
  for (const kind of opts.kinds) {
    const built = await buildDigests({
      store,
      search: opts.services.search,
      kind,
      day: opts.day,
      email,
      now,
      settleHours: config.digest.settleHours,
      recCorpus,
      onPage: writer ? (page) => writer.writePage(page) : undefined,
      signal: opts.signal,
      onProgress: (p) => opts.onProgress?.('build', p),
    });
    summary.build.push(built);
    logger.info({ kind, ...built }, 'digests built');
  }
  if (writer || !mailer) return { ...summary, written: writer?.written ?? 0 };
  try {
    if (opts.signal?.aborted) return summary;
    summary.drain = await drainOutbox({
      store,
      mailer,
      composer,
      holder: opts.holder,
      settings: config.digest,
      logger,
      onlySubscriptionId: subscriber?.id,
      signal: opts.signal,
      onProgress: (s) => opts.onProgress?.('send', s),
    });
  } finally {
    if (!opts.mailer) mailer.close();
  }
  logger.info(summary.drain, 'digest outbox drained');
  return summary;
}
