// The hourly notification mails. Batching moves each user's waiting notifications into one outbox row — at most one
// per user per MAIL_BATCH_MINUTES — in the same transaction that marks them batched, so none is mailed twice; the
// outbox is then drained by the digests' sender (drainQueue), so none is lost to a crash or a failing SMTP server.
import type { Logger } from 'pino';
import type { SenderSettings } from '../digest/outbox-sender.js';
import { type DrainSummary, drainQueue } from '../digest/outbox-sender.js';
import type { Mailer } from '../mail/mailer.js';
import type { Store } from '../store/store.js';
import { composeNotificationMail } from './notification-mail.js';
import { MAIL_BATCH_MINUTES, MAIL_STALE_HOURS, mailPreferences } from './notifications.models.js';

const USERS_PER_PAGE = 500;

export interface BatchSummary {
  /** Mails made (one per user). */
  mails: number;
  /** Notifications they carry. */
  notifications: number;
  /** Notifications that will not be mailed: read already, kind turned off, too old, or no confirmed address. */
  dropped: number;
  /** Users whose last mail is less than MAIL_BATCH_MINUTES old: their notifications wait for the next run. */
  waiting: number;
}

export async function batchNotificationMails(opts: { store: Store; now?: Date; signal?: AbortSignal }) {
  const { store } = opts;
  const now = opts.now ?? new Date();
  const mails = store.notifications.mails;
  const summary: BatchSummary = { mails: 0, notifications: 0, dropped: 0, waiting: 0 };
  const staleBefore = new Date(now.getTime() - MAIL_STALE_HOURS * 3_600_000).toISOString();
  const gapStart = new Date(now.getTime() - MAIL_BATCH_MINUTES * 60_000).toISOString();
  let after = 0;
  for (;;) {
    const users = await mails.usersWithPending(USERS_PER_PAGE, after);
    if (users.length === 0 || opts.signal?.aborted) break;
    after = users[users.length - 1]!;
    for (const userId of users) {
      const [pending, user, stored] = await Promise.all([
        mails.pendingFor(userId),
        store.users.findById(userId),
        store.notifications.mailPrefs(userId),
      ]);
      const prefs = mailPreferences(stored);
      const canMail = Boolean(user?.email) && !user?.suspendedAt;
      const keep = pending.filter(
        (n) => canMail && n.readAt === null && prefs[n.kind as keyof typeof prefs] && n.createdAt >= staleBefore,
      );
      const drop = pending.filter((n) => !keep.includes(n)).map((n) => n.id);
      if (drop.length > 0) {
        await mails.markOff(drop);
        summary.dropped += drop.length;
      }
      if (keep.length === 0) continue;
      const last = await mails.lastMailAt(userId);
      if (last !== null && last > gapStart) {
        summary.waiting++;
        continue;
      }
      const mailId = await mails.createBatch({
        userId,
        notificationIds: keep.map((n) => n.id),
        now: now.toISOString(),
      });
      if (mailId === null) continue;
      summary.mails++;
      summary.notifications += keep.length;
    }
  }
  return summary;
}

/** Batches what is due, then drains the notification outbox over `mailer`. */
export async function runNotificationMails(opts: {
  store: Store;
  mailer: Mailer;
  secret: string;
  origin: string;
  settings: SenderSettings;
  holder: string;
  logger: Logger;
  now?: () => Date;
  signal?: AbortSignal;
}): Promise<{ batch: BatchSummary; drain: DrainSummary }> {
  const { store } = opts;
  const now = opts.now ?? (() => new Date());
  const batch = await batchNotificationMails({ store, now: now(), signal: opts.signal });
  const drain = await drainQueue({
    ...opts,
    now,
    queue: store.notifications.mails,
    what: 'notification',
    async deliver(row) {
      const user = await store.users.findById(row.userId);
      if (!user?.email) return { skip: 'the account has no confirmed e-mail address any more' };
      const prefs = mailPreferences(await store.notifications.mailPrefs(row.userId));
      const carried = await store.notifications.findByIds(await store.notifications.mails.notificationIdsOf(row.id));
      // Read in the app, or its kind turned off, between batching and sending: nothing left worth a mail.
      const notifications = carried.filter((n) => n.readAt === null && prefs[n.kind]);
      if (notifications.length === 0) return { skip: 'read or turned off before it was sent' };
      const to = { id: user.id, email: user.email, username: user.username };
      return {
        message: composeNotificationMail({
          mailId: row.id,
          to,
          notifications,
          secret: opts.secret,
          origin: opts.origin,
        }),
      };
    },
  });
  return { batch, drain };
}
