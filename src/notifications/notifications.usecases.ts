// Notifications: record them (idempotent, never to the actor), list them, mark them read, the unread count of the
// header, the per-kind e-mail preferences, and the pruning rule. Sources call `recordNotifications`; the page, the
// API and the mail batcher read what it wrote.
import type { Store } from '../store/store.js';
import { parseKindList, readUnsubscribeToken, verifyUnsubscribeToken } from './notification-links.js';
import { notificationLinkInvalid, notificationNotFound } from './notifications.errors.js';
import {
  type MailPreferences,
  mailPreferences,
  NOTIFICATION_KINDS,
  type NotificationDraft,
  type NotificationKind,
  PRUNE_RULE,
  type StoredNotification,
} from './notifications.models.js';

export interface NotificationDeps {
  store: Store;
  now?: Date;
}

/**
 * Records notifications: one call for every source (replies, mentions, claim decisions today; paper events and
 * followed authors from their jobs). Idempotent on (user, kind, dedupe key): re-running a source records nothing
 * twice. A draft whose actor is its own recipient is dropped. Each new one waits for a mail when its kind is on in
 * the recipient's e-mail preferences at this moment. Returns the notifications that are new.
 */
export async function recordNotifications(
  deps: NotificationDeps,
  drafts: readonly NotificationDraft[],
): Promise<StoredNotification[]> {
  const wanted = drafts.filter((d) => d.actorUserId === undefined || d.actorUserId !== d.userId);
  if (wanted.length === 0) return [];
  const stored = await deps.store.notifications.mailPrefsOf([...new Set(wanted.map((d) => d.userId))]);
  const rows = wanted.map((d) => ({
    ...d,
    mailState: mailPreferences(stored.get(d.userId) ?? [])[d.kind] ? ('pending' as const) : ('off' as const),
  }));
  return deps.store.notifications.insertMany(rows, (deps.now ?? new Date()).toISOString());
}

export interface NotificationPage {
  items: StoredNotification[];
  unread: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  /** The newest id shown: "mark all read" marks up to it, so one arriving meanwhile stays unread. */
  newestId: number | null;
}

export async function listNotifications(opts: {
  store: Store;
  userId: number;
  before?: number;
  limit: number;
}): Promise<NotificationPage> {
  const [rows, unread] = await Promise.all([
    opts.store.notifications.listForUser(opts.userId, { beforeId: opts.before, limit: opts.limit + 1 }),
    opts.store.notifications.unreadCount(opts.userId),
  ]);
  const items = rows.slice(0, opts.limit);
  return {
    items,
    unread,
    nextBefore: rows.length > opts.limit ? items[items.length - 1]!.id : null,
    newestId: items[0]?.id ?? null,
  };
}

/** The header's number: one indexed count of the viewer's unread rows. */
export async function unreadNotificationCount(opts: { store: Store; userId: number }): Promise<number> {
  return opts.store.notifications.unreadCount(opts.userId);
}

export async function markNotificationRead(opts: { store: Store; userId: number; id: number; now?: Date }) {
  const found = await opts.store.notifications.markRead(opts.userId, opts.id, (opts.now ?? new Date()).toISOString());
  if (!found) throw notificationNotFound();
}

export async function markAllNotificationsRead(opts: {
  store: Store;
  userId: number;
  upToId?: number;
  now?: Date;
}): Promise<number> {
  return opts.store.notifications.markAllRead(opts.userId, (opts.now ?? new Date()).toISOString(), opts.upToId);
}

export async function notificationMailPreferences(opts: { store: Store; userId: number }): Promise<MailPreferences> {
  return mailPreferences(await opts.store.notifications.mailPrefs(opts.userId));
}

/** Saves the whole set of choices (a kind missing from `enabled` is off). */
export async function saveNotificationMailPreferences(opts: {
  store: Store;
  userId: number;
  enabled: ReadonlySet<string>;
  now?: Date;
}): Promise<MailPreferences> {
  const prefs = NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: opts.enabled.has(kind) }));
  await opts.store.notifications.setMailPrefs(opts.userId, prefs, (opts.now ?? new Date()).toISOString());
  return mailPreferences(prefs);
}

/** Who and which kinds a mail's signed unsubscribe link names; refuses a link that does not verify. */
export async function unsubscribeLinkTarget(opts: {
  store: Store;
  secret: string;
  token: string;
  kinds: string;
  now?: Date;
}): Promise<{ userId: number; email: string; kinds: NotificationKind[]; alreadyOff: boolean }> {
  const kinds = parseKindList(opts.kinds);
  const parsed = readUnsubscribeToken(opts.token);
  const user = parsed && kinds ? await opts.store.users.findById(parsed.id) : null;
  const valid =
    user?.email &&
    kinds &&
    verifyUnsubscribeToken({
      secret: opts.secret,
      token: opts.token,
      userId: user.id,
      email: user.email,
      kinds,
      now: opts.now ?? new Date(),
    });
  if (!valid || !user?.email || !kinds) throw notificationLinkInvalid();
  const prefs = mailPreferences(await opts.store.notifications.mailPrefs(user.id));
  return { userId: user.id, email: user.email, kinds, alreadyOff: kinds.every((k) => !prefs[k]) };
}

/** The one-click unsubscribe (RFC 8058): turns off the e-mails of the link's kinds. Repeating it is harmless. */
export async function unsubscribeByLink(opts: {
  store: Store;
  secret: string;
  token: string;
  kinds: string;
  now?: Date;
}): Promise<{ email: string; kinds: NotificationKind[] }> {
  const target = await unsubscribeLinkTarget(opts);
  await opts.store.notifications.setMailPrefs(
    target.userId,
    target.kinds.map((kind) => ({ kind, enabled: false })),
    (opts.now ?? new Date()).toISOString(),
  );
  return { email: target.email, kinds: target.kinds };
}

/** The pruning rule of notifications.models.ts (PRUNE_RULE), run by the `notifications-prune` job. */
export async function pruneNotifications(opts: { store: Store; now?: Date }) {
  const now = (opts.now ?? new Date()).getTime();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const notifications = await opts.store.notifications.prune({
    readBefore: daysAgo(PRUNE_RULE.readDays),
    unreadBefore: daysAgo(PRUNE_RULE.unreadDays),
    maxPerUser: PRUNE_RULE.maxPerUser,
  });
  const mails = await opts.store.notifications.mails.prune(daysAgo(PRUNE_RULE.mailDays));
  return { notifications, mails };
}
