import type { Logger } from 'pino';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import type { Store } from '../store/store.js';
import type { OutboxRow } from './digest.models.js';
import type { DigestComposer } from './digest-mail.js';
import { backoffSeconds, classifySmtpError } from './smtp-errors.js';

export interface SenderSettings {
  maxAttempts: number;
  retryBaseSeconds: number;
  sendingTimeoutSeconds: number;
  /** Rows in flight at once; a crash can resend at most this many messages. */
  concurrency: number;
}

export interface DrainSummary {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Rows found "sending" from an interrupted run and put back in the queue. */
  recovered: number;
  stoppedBy: 'aborted' | 'connection' | null;
}

const CONNECTION_FAILURES_TO_STOP = 3;

/** The outbox protocol a sender drives: digest_outbox and notification_mails both speak it. */
export interface OutboxQueue<R extends { id: number; attempts: number }> {
  recoverStale(claimedBefore: string, now: string): Promise<number>;
  claimNext(holder: string, now: string, opts: { dueBy?: string }): Promise<R | null>;
  markSent(id: number, holder: string, at: string): Promise<boolean>;
  markRetry(id: number, holder: string, retry: { at: string; error: string }): Promise<boolean>;
  markSkipped(id: number, holder: string, reason: string): Promise<boolean>;
  markFailed(id: number, holder: string, error: string): Promise<boolean>;
}

/** What to send for a claimed row, or why it is skipped instead. */
export type Delivery = { message: MailMessage } | { skip: string };

interface DrainOptions {
  mailer: Mailer;
  holder: string;
  settings: SenderSettings;
  logger: Logger;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (s: DrainSummary) => void;
}

/**
 * Drains the digest outbox: claim one row (pending → sending), compose, hand to SMTP, mark sent. Each row is marked
 * right after the server accepted it; a crash in between leaves it "sending", and the next run after
 * `sendingTimeoutSeconds` sends it again — the one documented duplicate per message in flight.
 */
export async function drainOutbox(
  opts: DrainOptions & { store: Store; composer: DigestComposer; onlySubscriptionId?: number },
): Promise<DrainSummary> {
  const { store } = opts;
  const outbox = store.digestOutbox;
  const queue: OutboxQueue<OutboxRow> = {
    recoverStale: outbox.recoverStale,
    claimNext: (holder, now, o) => outbox.claimNext(holder, now, { ...o, onlySubscriptionId: opts.onlySubscriptionId }),
    markSent: outbox.markSent,
    markRetry: outbox.markRetry,
    markSkipped: outbox.markSkipped,
    markFailed: outbox.markFailed,
  };
  return drainQueue({
    ...opts,
    queue,
    what: 'digest',
    async deliver(row) {
      const subscription = await store.subscriptions.findById(row.subscriptionId);
      if (subscription?.status !== 'confirmed') return { skip: 'unsubscribed before it was sent' };
      const message = await opts.composer.compose({
        outboxId: row.id,
        subscription,
        periodKey: row.periodKey,
        content: row.content,
      });
      return { message };
    },
  });
}

/** The sender loop over any outbox (`what` names its rows in the log). */
export async function drainQueue<R extends { id: number; attempts: number }>(
  opts: DrainOptions & { queue: OutboxQueue<R>; what: string; deliver: (row: R) => Promise<Delivery> },
): Promise<DrainSummary> {
  const { settings, queue: outbox, what } = opts;
  const now = opts.now ?? (() => new Date());
  const summary: DrainSummary = { sent: 0, retrying: 0, failed: 0, skipped: 0, recovered: 0, stoppedBy: null };
  const startedAt = now().toISOString();
  const staleBefore = new Date(now().getTime() - settings.sendingTimeoutSeconds * 1000).toISOString();
  summary.recovered = await outbox.recoverStale(staleBefore, startedAt);
  if (summary.recovered > 0)
    opts.logger.warn({ recovered: summary.recovered }, `${what} mails interrupted while sending are queued again`);
  let connectionFailures = 0;

  async function sendOne(row: R): Promise<void> {
    try {
      const delivery = await opts.deliver(row);
      if ('skip' in delivery) {
        await outbox.markSkipped(row.id, opts.holder, delivery.skip);
        summary.skipped++;
        return;
      }
      await opts.mailer.send(delivery.message);
    } catch (error) {
      const failure = classifySmtpError(error);
      connectionFailures = failure.kind === 'connection' ? connectionFailures + 1 : 0;
      if (failure.kind === 'permanent' || row.attempts >= settings.maxAttempts) {
        await outbox.markFailed(row.id, opts.holder, `after ${row.attempts} attempt(s): ${failure.message}`);
        summary.failed++;
        opts.logger.warn({ outboxId: row.id, error: failure.message }, `${what} delivery failed for good`);
      } else {
        const wait = backoffSeconds({ attempts: row.attempts, baseSeconds: settings.retryBaseSeconds });
        await outbox.markRetry(row.id, opts.holder, {
          at: new Date(now().getTime() + wait * 1000).toISOString(),
          error: failure.message,
        });
        summary.retrying++;
        opts.logger.info(
          { outboxId: row.id, error: failure.message, retryInSeconds: wait },
          `${what} delivery will be retried`,
        );
      }
      return;
    }
    connectionFailures = 0;
    await outbox.markSent(row.id, opts.holder, now().toISOString());
    summary.sent++;
  }

  async function worker(): Promise<void> {
    for (;;) {
      if (opts.signal?.aborted) {
        summary.stoppedBy = 'aborted';
        return;
      }
      if (connectionFailures >= CONNECTION_FAILURES_TO_STOP) {
        summary.stoppedBy = 'connection';
        return;
      }
      // Only rows due when the run started: a retry this run scheduled waits for the next run, even with no backoff.
      const row = await outbox.claimNext(opts.holder, now().toISOString(), { dueBy: startedAt });
      if (!row) return;
      await sendOne(row);
      opts.onProgress?.(summary);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
  return summary;
}
