// Sign-up, e-mail verification and the account's own settings. None of the answers tells whether an e-mail address
// has an account: sign-up always answers the same (sign-in and password reset are in their own files).
import { isUniqueViolation } from '../store/sql-helpers.js';
import { type AccountDeps, addressToConfirm, checkLink, linkFor, SITE, sendQuietly, siteUrl } from './account-links.js';
import { alreadyRegisteredMail, verificationMail } from './account-mails.js';
import { emailTaken, signupClosed, usernameTaken } from './accounts.errors.js';
import type { User } from './accounts.models.js';
import type { SignUpInput } from './accounts.schemas.js';
import { hashPassword } from './passwords.js';
import { requireViewer, type Viewer } from './viewer.models.js';

/**
 * Mails the confirmation link for the account's unconfirmed address — or, when another account already holds that
 * address, tells its owner instead (the same mail as a sign-up with their address). Either way one mail leaves, so
 * neither the answer nor its timing says which.
 */
export async function sendVerificationMail(opts: { deps: AccountDeps; user: User; now?: Date }): Promise<void> {
  const { deps, user } = opts;
  const address = addressToConfirm(user);
  if (!address) return;
  const holder = await deps.store.users.findByEmail(address);
  if (holder && holder.id !== user.id) return mailTheOwner(deps, holder);
  const link = await linkFor(deps, 'verify-email', user, opts.now ?? new Date());
  const hours = deps.config.community.linkHours;
  await sendQuietly(
    deps,
    verificationMail({
      to: address,
      siteName: SITE,
      siteUrl: siteUrl(deps, '/'),
      username: user.username,
      link,
      hours,
    }),
  );
}

function mailTheOwner(deps: AccountDeps, holder: User): Promise<void> {
  return sendQuietly(
    deps,
    alreadyRegisteredMail({
      to: holder.email!,
      siteName: SITE,
      siteUrl: siteUrl(deps, '/'),
      loginUrl: siteUrl(deps, '/login'),
      resetUrl: siteUrl(deps, '/account/reset'),
    }),
  );
}

/**
 * Creates an account whose address waits for confirmation (`pendingEmail`), and mails the link — or, when the
 * address already has an account, mails its owner instead. The new account is made the same way in both cases, so
 * nothing a visitor can see afterwards (this answer, a later sign-up with the same username, signing in as the new
 * account, its account page) depends on whether the address was registered. Only a confirmed address is held
 * (unique) and usable to sign in or reset a password.
 */
export async function signUp(opts: { deps: AccountDeps; input: SignUpInput; now?: Date }): Promise<{ user: User }> {
  const { deps, input } = opts;
  if (!deps.config.community.signupOpen) throw signupClosed();
  const passwordHash = await hashPassword(input.password);
  const taken = () => usernameTaken({ message: `The username "${input.username}" is taken; choose another.` });
  if (await deps.store.users.findByUsername(input.username)) throw taken();
  try {
    await deps.store.users.create({ username: input.username, pendingEmail: input.email, passwordHash });
  } catch (error) {
    // Only the username is unique here: a concurrent sign-up took it.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  const user = (await deps.store.users.findByUsername(input.username))!;
  await sendVerificationMail({ deps, user, now: opts.now });
  return { user };
}

export async function verifyEmail(opts: { deps: AccountDeps; token: string; now?: Date }): Promise<User> {
  const user = await checkLink({ ...opts, purpose: 'verify-email' });
  const now = opts.now ?? new Date();
  try {
    await opts.deps.store.users.confirmPendingEmail(user.id, now.toISOString());
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Its owner confirmed the address for another account in the meantime.
    throw emailTaken();
  }
  return (await opts.deps.store.users.findById(user.id))!;
}

/** The signed-in viewer's own account, as its settings page shows it. */
export async function accountOf(opts: { deps: Pick<AccountDeps, 'store'>; viewer: Viewer | null }): Promise<User> {
  const viewer = requireViewer(opts.viewer);
  return (await opts.deps.store.users.findById(viewer.id))!;
}

/** Whether the viewer's profile shows the papers they upvoted. */
export async function setUpvotesPublic(opts: {
  deps: Pick<AccountDeps, 'store'>;
  viewer: Viewer | null;
  upvotesPublic: boolean;
}): Promise<void> {
  const viewer = requireViewer(opts.viewer);
  await opts.deps.store.users.setUpvotesPublic(viewer.id, opts.upvotesPublic);
}
