import type { Logger } from 'pino';
import type { Mailer } from '../mail/mailer.js';
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

/**
 * Drains the outbox: claim one row (pending → sending), compose, hand to SMTP, mark sent. Each row is marked right
 * after the server accepted it; a crash in between leaves it "sending", and the next run after
 * `sendingTimeoutSeconds` sends it again — the one documented duplicate per message in flight.
 */
export async function drainOutbox(opts: {
  store: Store;
  mailer: Mailer;
  composer: DigestComposer;
  holder: string;
  settings: SenderSettings;
  logger: Logger;
  now?: () => Date;
  onlySubscriptionId?: number;
  signal?: AbortSignal;
  onProgress?: (s: DrainSummary) => void;
}): Promise<DrainSummary> {
  const { store, settings } = opts;
  const now = opts.now ?? (() => new Date());
  const outbox = store.digestOutbox;
  const summary: DrainSummary = { sent: 0, retrying: 0, failed: 0, skipped: 0, recovered: 0, stoppedBy: null };
  const startedAt = now().toISOString();
  const staleBefore = new Date(now().getTime() - settings.sendingTimeoutSeconds * 1000).toISOString();
  summary.recovered = await outbox.recoverStale(staleBefore, startedAt);
  if (summary.recovered > 0)
    opts.logger.warn({ recovered: summary.recovered }, 'digests interrupted while sending are queued again');
  let connectionFailures = 0;

  async function sendOne(row: OutboxRow): Promise<void> {
    const subscription = await store.subscriptions.findById(row.subscriptionId);
    if (subscription?.status !== 'confirmed') {
      await outbox.markSkipped(row.id, opts.holder, 'unsubscribed before it was sent');
      summary.skipped++;
      return;
    }
    try {
      const message = await opts.composer.compose({
        outboxId: row.id,
        subscription,
        periodKey: row.periodKey,
        content: row.content,
      });
      await opts.mailer.send(message);
    } catch (error) {
      const failure = classifySmtpError(error);
      connectionFailures = failure.kind === 'connection' ? connectionFailures + 1 : 0;
      if (failure.kind === 'permanent' || row.attempts >= settings.maxAttempts) {
        await outbox.markFailed(row.id, opts.holder, `after ${row.attempts} attempt(s): ${failure.message}`);
        summary.failed++;
        opts.logger.warn({ outboxId: row.id, error: failure.message }, 'digest delivery failed for good');
      } else {
        const wait = backoffSeconds({ attempts: row.attempts, baseSeconds: settings.retryBaseSeconds });
        await outbox.markRetry(row.id, opts.holder, {
          at: new Date(now().getTime() + wait * 1000).toISOString(),
          error: failure.message,
        });
        summary.retrying++;
        opts.logger.info(
          { outboxId: row.id, error: failure.message, retryInSeconds: wait },
          'digest delivery will be retried',
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
      const row = await outbox.claimNext(opts.holder, now().toISOString(), {
        dueBy: startedAt,
        onlySubscriptionId: opts.onlySubscriptionId,
      });
      if (!row) return;
      await sendOne(row);
      opts.onProgress?.(summary);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
  return summary;
}
