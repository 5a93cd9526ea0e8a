import type { User } from '../community/accounts.models.js';
import type { Config } from '../config/config.js';
import type { Mailer } from '../mail/mailer.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { digestEmailUnconfirmed, digestNoEmail, invalidDigestLink } from './digest.errors.js';
import type { DigestPreferences, Subscription } from './digest.models.js';
import type { SavedSearchInput } from './digest.schemas.js';
import {
  type DigestLinkPurpose,
  digestUrls,
  readDigestToken,
  signDigestToken,
  verifyDigestToken,
} from './digest-links.js';
import { alreadySubscribedMail, confirmationMail } from './subscription-mails.js';

export interface SubscriptionDeps {
  store: Store;
  mailer: Mailer;
  secret: string;
  config: Pick<Config, 'digest' | 'server'>;
}

// One mail per address per ten minutes (confirmation or "already subscribed"), whatever the form receives: the
// form cannot be used to flood someone's inbox, and a reader who clicks twice still gets a working link (the first).
const RESEND_AFTER_MS = 10 * 60_000;

export function defaultPreferences(config: Pick<Config, 'digest'>): DigestPreferences {
  const d = config.digest;
  return {
    period: 'daily',
    maxPapers: d.maxPapers,
    includeCategories: [],
    excludeCategories: [],
    followAuthors: [],
    forYou: true,
    sendHour: d.sendHour,
    timezone: d.timezone,
  };
}

async function findOrCreate(
  deps: SubscriptionDeps,
  email: string,
  userId: number | null,
  now: Date,
): Promise<Subscription> {
  const existing = await deps.store.subscriptions.findByEmail(email);
  if (existing) return existing;
  try {
    const preferences = defaultPreferences(deps.config);
    const id = await deps.store.subscriptions.create({
      email,
      userId,
      status: 'pending',
      preferences,
      now: now.toISOString(),
    });
    return (await deps.store.subscriptions.findById(id))!;
  } catch (error) {
    // Two forms posted at once for one address: the other one created it.
    if (!isUniqueViolation(error)) throw error;
    return (await deps.store.subscriptions.findByEmail(email))!;
  }
}

/**
 * Double opt-in: records the address as pending and mails a signed, expiring confirmation link. Nothing is sent
 * to the address before it is confirmed. An address already confirmed gets a note with its preferences link.
 * The caller always shows the same answer, so the form does not reveal who is subscribed.
 */
export async function subscribe(opts: {
  deps: SubscriptionDeps;
  email: string;
  savedSearch?: SavedSearchInput | null;
  now?: Date;
}) {
  const { deps, email } = opts;
  const now = opts.now ?? new Date();
  const subscription = await findOrCreate(deps, email, null, now);
  // A saved search from the form joins only a subscription that is still to be confirmed (the confirmation covers
  // it): anyone can post this form, so it must not change what a confirmed subscriber receives.
  if (opts.savedSearch && subscription.status !== 'confirmed') {
    await deps.store.savedSearches.add({
      subscriptionId: subscription.id,
      ...opts.savedSearch,
      now: now.toISOString(),
    });
  }
  const lastSent = subscription.confirmSentAt ? Date.parse(subscription.confirmSentAt) : 0;
  if (subscription.status !== 'unsubscribed' && now.getTime() - lastSent < RESEND_AFTER_MS) return;
  const sentAt = now.toISOString();
  await deps.store.subscriptions.markConfirmationSent(subscription.id, sentAt);
  const urls = digestUrls(deps.config.server.publicUrl);
  if (subscription.status === 'confirmed') {
    const manage = signDigestToken({ secret: deps.secret, purpose: 'digest-manage', subject: subscription });
    await deps.mailer.send(alreadySubscribedMail({ to: email, manageLink: urls.manage(manage), siteUrl: urls.site }));
    return;
  }
  const hours = deps.config.digest.confirmHours;
  const token = signDigestToken({
    secret: deps.secret,
    purpose: 'digest-confirm',
    subject: { ...subscription, confirmSentAt: sentAt },
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
  });
  await deps.mailer.send(confirmationMail({ to: email, link: urls.confirm(token), hours, siteUrl: urls.site }));
}

/** The subscription a signed link names, or the `digest.invalid_link` refusal. */
export async function subscriptionForToken(opts: {
  store: Store;
  secret: string;
  token: string;
  purpose: DigestLinkPurpose;
  now?: Date;
}): Promise<Subscription> {
  const parsed = readDigestToken(opts.token);
  const subscription = parsed ? await opts.store.subscriptions.findById(parsed.id) : null;
  const valid =
    subscription !== null &&
    verifyDigestToken({
      secret: opts.secret,
      purpose: opts.purpose,
      token: opts.token,
      subject: subscription,
      now: opts.now ?? new Date(),
    });
  if (!valid) throw invalidDigestLink();
  return subscription;
}

/** Confirms through the mailed link. Confirming twice is fine; a link older than the newest mail is not. */
export async function confirmSubscription(opts: {
  store: Store;
  secret: string;
  token: string;
  now?: Date;
}): Promise<Subscription> {
  const now = opts.now ?? new Date();
  const subscription = await subscriptionForToken({ ...opts, purpose: 'digest-confirm', now });
  if (subscription.status === 'unsubscribed') throw invalidDigestLink();
  await opts.store.subscriptions.confirm(subscription.id, now.toISOString());
  return { ...subscription, status: 'confirmed' };
}

/** One-click unsubscribe (RFC 8058) or the button on the unsubscribe page; repeating it changes nothing. */
export async function unsubscribe(opts: {
  store: Store;
  secret: string;
  token: string;
  now?: Date;
}): Promise<Subscription> {
  const now = opts.now ?? new Date();
  const subscription = await subscriptionForToken({ ...opts, purpose: 'digest-unsubscribe', now });
  await opts.store.subscriptions.unsubscribe(subscription.id, now.toISOString());
  return { ...subscription, status: 'unsubscribed' };
}

/** The subscription shown on an account's settings page: linked to the account, or under its address. */
export async function accountSubscription(opts: {
  store: Store;
  user: Pick<User, 'id' | 'email'>;
}): Promise<Subscription | null> {
  return (
    (await opts.store.subscriptions.findByUserId(opts.user.id)) ??
    (opts.user.email ? await opts.store.subscriptions.findByEmail(opts.user.email.toLowerCase()) : null)
  );
}

/**
 * Subscribes a signed-in account. A verified address needs no confirmation mail (it was confirmed at sign-up);
 * an unverified one goes through the same double opt-in as the public form.
 */
export async function subscribeAccount(opts: {
  deps: SubscriptionDeps;
  user: User;
  now?: Date;
}): Promise<Subscription> {
  const { deps, user } = opts;
  const now = opts.now ?? new Date();
  if (!user.email && user.pendingEmail) throw digestEmailUnconfirmed();
  if (!user.email) throw digestNoEmail();
  const email = user.email.toLowerCase();
  const subscription = await findOrCreate(deps, email, user.id, now);
  if (user.emailVerifiedAt) {
    await deps.store.subscriptions.confirmForUser(subscription.id, user.id, now.toISOString());
  } else {
    await subscribe({ deps, email, now });
  }
  return (await deps.store.subscriptions.findById(subscription.id))!;
}
