// Password reset by a mailed link. The answer never tells whether the address has an account.

import { type AccountDeps, checkLink, linkFor, SITE, sendQuietly, siteUrl } from './account-links.js';
import { passwordResetMail } from './account-mails.js';
import type { User } from './accounts.models.js';
import { hashPassword } from './passwords.js';

/** Mails a reset link when the address has an account; answers nothing either way. */
export async function requestPasswordReset(opts: { deps: AccountDeps; email: string; now?: Date }): Promise<void> {
  const { deps } = opts;
  const user = await deps.store.users.findByEmail(opts.email);
  if (!user?.email) return;
  const link = await linkFor(deps, 'reset-password', user, opts.now ?? new Date());
  const hours = deps.config.community.linkHours;
  await sendQuietly(
    deps,
    passwordResetMail({
      to: user.email,
      siteName: SITE,
      siteUrl: siteUrl(deps, '/'),
      username: user.username,
      link,
      hours,
    }),
  );
}

/**
 * Sets a new (already checked) password through a reset link. The link dies with the old password hash; every
 * session ends (whoever knew the old password is signed out); the address counts as verified, since the mail
 * reached its owner.
 */
export async function resetPassword(opts: {
  deps: AccountDeps;
  input: { token: string; password: string };
  now?: Date;
}): Promise<User> {
  const { deps, input } = opts;
  const user = await checkLink({ deps, purpose: 'reset-password', token: input.token, now: opts.now });
  await deps.store.users.setPasswordHash(user.id, await hashPassword(input.password));
  await deps.store.sessions.deleteForUser(user.id);
  if (!user.emailVerifiedAt) await deps.store.users.markEmailVerified(user.id, (opts.now ?? new Date()).toISOString());
  return user;
}
