// What the account mails share: the dependencies of the account use cases, signed links for e-mail confirmation
// and password reset (signed-links.ts), and sending a mail without letting its failure change the answer.
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import type { Store } from '../store/store.js';
import { invalidLink } from './accounts.errors.js';
import type { User } from './accounts.models.js';
import { createLinkToken, type LinkPurpose, passwordBinding, readLinkToken, verifyLinkToken } from './signed-links.js';

export interface AccountDeps {
  store: Store;
  mailer: Mailer;
  secret: string;
  config: Config;
  logger: Logger;
}

export const SITE = 'dailypapers';

export function siteUrl(deps: AccountDeps, path: string): string {
  return new URL(path, deps.config.server.publicUrl).toString();
}

// A mail that cannot be sent must not turn into a different answer (that would reveal which branch ran); it is
// logged, and the account page offers to send the verification mail again.
export async function sendQuietly(deps: AccountDeps, message: MailMessage): Promise<void> {
  try {
    await deps.mailer.send(message);
  } catch (error) {
    deps.logger.error({ err: error, subject: message.subject }, 'could not send account mail');
  }
}

// The address a confirmation link is for: the pending one of a new account, or the held one of an older account.
export const addressToConfirm = (u: User) => u.pendingEmail ?? (u.emailVerifiedAt ? null : u.email);
const verifyBinding = (u: User) =>
  `${(addressToConfirm(u) ?? u.email ?? '').toLowerCase()}|${u.emailVerifiedAt ? 1 : 0}`;

async function bindingFor(deps: AccountDeps, purpose: LinkPurpose, user: User): Promise<string> {
  return purpose === 'verify-email'
    ? verifyBinding(user)
    : passwordBinding(await deps.store.users.passwordHashOf(user.id));
}

export async function linkFor(deps: AccountDeps, purpose: LinkPurpose, user: User, now: Date): Promise<string> {
  const expiresAt = new Date(now.getTime() + deps.config.community.linkHours * 3_600_000);
  const token = createLinkToken({
    secret: deps.secret,
    purpose,
    userId: user.id,
    expiresAt,
    binding: await bindingFor(deps, purpose, user),
  });
  const path = purpose === 'verify-email' ? '/account/verify' : '/account/reset/confirm';
  return siteUrl(deps, `${path}?token=${encodeURIComponent(token)}`);
}

/** The user a link is valid for, or the invalid-link refusal. */
export async function checkLink(opts: {
  deps: AccountDeps;
  purpose: LinkPurpose;
  token: string;
  now?: Date;
}): Promise<User> {
  const { deps, purpose, token } = opts;
  const parsed = readLinkToken(token);
  const user = parsed ? await deps.store.users.findById(parsed.userId) : null;
  if (!user) throw invalidLink();
  const binding = await bindingFor(deps, purpose, user);
  if (!verifyLinkToken({ secret: deps.secret, purpose, token, binding, now: opts.now ?? new Date() }))
    throw invalidLink();
  return user;
}
