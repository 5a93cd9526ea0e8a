// Sign-up, e-mail verification, sign-in and password reset. None of the messages tells whether an e-mail address
// has an account: sign-up and reset always answer the same, and sign-in has one message for both failures.
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { alreadyRegisteredMail, passwordResetMail, verificationMail } from './account-mails.js';
import type { User } from './accounts.models.js';
import { ConflictError, ForbiddenError, InvalidCredentialsError, InvalidLinkError } from './community.errors.js';
import { emailSchema, logInSchema, parseInput, passwordSchema, signUpSchema } from './community.schemas.js';
import { checkPassword, hashPassword } from './passwords.js';
import { createLinkToken, type LinkPurpose, passwordBinding, readLinkToken, verifyLinkToken } from './signed-links.js';

export interface AccountDeps {
  store: Store;
  mailer: Mailer;
  secret: string;
  config: Config;
  logger: Logger;
}

const SITE = 'dailypapers';

function siteUrl(deps: AccountDeps, path: string): string {
  return new URL(path, deps.config.server.publicUrl).toString();
}

// A mail that cannot be sent must not turn into a different answer (that would reveal which branch ran); it is
// logged, and the account page offers to send the verification mail again.
async function sendQuietly(deps: AccountDeps, message: MailMessage): Promise<void> {
  try {
    await deps.mailer.send(message);
  } catch (error) {
    deps.logger.error({ err: error, subject: message.subject }, 'could not send account mail');
  }
}

// The address a confirmation link is for: the pending one of a new account, or the held one of an older account.
const addressToConfirm = (u: User) => u.pendingEmail ?? (u.emailVerifiedAt ? null : u.email);
const verifyBinding = (u: User) =>
  `${(addressToConfirm(u) ?? u.email ?? '').toLowerCase()}|${u.emailVerifiedAt ? 1 : 0}`;

async function bindingFor(deps: AccountDeps, purpose: LinkPurpose, user: User): Promise<string> {
  return purpose === 'verify-email'
    ? verifyBinding(user)
    : passwordBinding(await deps.store.users.passwordHashOf(user.id));
}

async function linkFor(deps: AccountDeps, purpose: LinkPurpose, user: User, now: Date): Promise<string> {
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

/** The user a link is valid for, or InvalidLinkError. */
export async function checkLink(opts: {
  deps: AccountDeps;
  purpose: LinkPurpose;
  token: string;
  now?: Date;
}): Promise<User> {
  const { deps, purpose, token } = opts;
  const parsed = readLinkToken(token);
  const user = parsed ? await deps.store.users.findById(parsed.userId) : null;
  if (!user) throw new InvalidLinkError();
  const binding = await bindingFor(deps, purpose, user);
  if (!verifyLinkToken({ secret: deps.secret, purpose, token, binding, now: opts.now ?? new Date() }))
    throw new InvalidLinkError();
  return user;
}

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
export async function signUp(opts: { deps: AccountDeps; input: unknown; now?: Date }): Promise<{ user: User }> {
  const { deps } = opts;
  if (!deps.config.community.signupOpen)
    throw new ForbiddenError('account.signup_closed', 'Sign-up is closed on this site.');
  const input = parseInput(signUpSchema, opts.input, 'account.invalid_input');
  const passwordHash = await hashPassword(input.password);
  const usernameTaken = () =>
    new ConflictError('account.username_taken', `The username "${input.username}" is taken; choose another.`);
  if (await deps.store.users.findByUsername(input.username)) throw usernameTaken();
  try {
    await deps.store.users.create({ username: input.username, pendingEmail: input.email, passwordHash });
  } catch (error) {
    // Only the username is unique here: a concurrent sign-up took it.
    if (isUniqueViolation(error)) throw usernameTaken();
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
    throw new ConflictError('account.email_taken', 'That address now belongs to another account: this link is void.');
  }
  return (await opts.deps.store.users.findById(user.id))!;
}

export async function logIn(opts: { deps: AccountDeps; input: unknown }): Promise<User> {
  const { identifier, password } = parseInput(logInSchema, opts.input, 'account.invalid_input');
  const found = await opts.deps.store.users.findForLogin(identifier);
  const ok = await checkPassword(found?.passwordHash ?? null, password);
  if (!found || !ok) throw new InvalidCredentialsError();
  if (found.user.suspendedAt) {
    throw new ForbiddenError(
      'account.suspended',
      `This account is suspended${found.user.suspensionReason ? `: ${found.user.suspensionReason}` : '.'}`,
    );
  }
  return found.user;
}

/** Mails a reset link when the address has an account; answers nothing either way. */
export async function requestPasswordReset(opts: { deps: AccountDeps; email: unknown; now?: Date }): Promise<void> {
  const { deps } = opts;
  const email = parseInput(emailSchema, opts.email, 'account.invalid_input');
  const user = await deps.store.users.findByEmail(email);
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
 * Sets a new password through a reset link. The link dies with the old password hash; every session ends (whoever
 * knew the old password is signed out); the address counts as verified, since the mail reached its owner.
 */
export async function resetPassword(opts: {
  deps: AccountDeps;
  token: string;
  password: unknown;
  now?: Date;
}): Promise<User> {
  const { deps } = opts;
  const password = parseInput(passwordSchema, opts.password, 'account.invalid_input');
  const user = await checkLink({ deps, purpose: 'reset-password', token: opts.token, now: opts.now });
  await deps.store.users.setPasswordHash(user.id, await hashPassword(password));
  await deps.store.sessions.deleteForUser(user.id);
  if (!user.emailVerifiedAt) await deps.store.users.markEmailVerified(user.id, (opts.now ?? new Date()).toISOString());
  return user;
}
