// Sign-up, e-mail verification, sign-in and password reset. None of the messages tells whether an e-mail address
// has an account: sign-up and reset always answer the same, and sign-in has one message for both failures.
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import { alreadyRegisteredMail, passwordResetMail, verificationMail } from '../mail/templates.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import type { User } from '../store/users.repository.js';
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

const verifyBinding = (u: User) => `${(u.email ?? '').toLowerCase()}|${u.emailVerifiedAt ? 1 : 0}`;

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

export async function sendVerificationMail(opts: { deps: AccountDeps; user: User; now?: Date }): Promise<void> {
  const { deps, user } = opts;
  if (!user.email || user.emailVerifiedAt) return;
  const link = await linkFor(deps, 'verify-email', user, opts.now ?? new Date());
  const hours = deps.config.community.linkHours;
  await sendQuietly(
    deps,
    verificationMail({
      to: user.email,
      siteName: SITE,
      siteUrl: siteUrl(deps, '/'),
      username: user.username,
      link,
      hours,
    }),
  );
}

/** Creates an unverified account and mails a verification link; answers the same when the address is taken. */
export async function signUp(opts: { deps: AccountDeps; input: unknown; now?: Date }): Promise<{ email: string }> {
  const { deps } = opts;
  if (!deps.config.community.signupOpen)
    throw new ForbiddenError('account.signup_closed', 'Sign-up is closed on this site.');
  const input = parseInput(signUpSchema, opts.input, 'account.invalid_input');
  // Hashing first also makes the taken-address branch as slow as the real one.
  const passwordHash = await hashPassword(input.password);
  const usernameTaken = () =>
    new ConflictError('account.username_taken', `The username "${input.username}" is taken; choose another.`);
  if (await deps.store.users.findByUsername(input.username)) throw usernameTaken();
  const existing = await deps.store.users.findByEmail(input.email);
  if (existing) {
    const mail = alreadyRegisteredMail({
      to: existing.email!,
      siteName: SITE,
      siteUrl: siteUrl(deps, '/'),
      loginUrl: siteUrl(deps, '/login'),
      resetUrl: siteUrl(deps, '/account/reset'),
    });
    await sendQuietly(deps, mail);
    return { email: input.email };
  }
  try {
    await deps.store.users.create({ username: input.username, email: input.email, passwordHash });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent sign-up won the race for the username or the address.
    if (await deps.store.users.findByUsername(input.username)) throw usernameTaken();
    return { email: input.email };
  }
  const user = (await deps.store.users.findByUsername(input.username))!;
  await sendVerificationMail({ deps, user, now: opts.now });
  return { email: input.email };
}

export async function verifyEmail(opts: { deps: AccountDeps; token: string; now?: Date }): Promise<User> {
  const user = await checkLink({ ...opts, purpose: 'verify-email' });
  const now = opts.now ?? new Date();
  await opts.deps.store.users.markEmailVerified(user.id, now.toISOString());
  return { ...user, emailVerifiedAt: now.toISOString() };
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
