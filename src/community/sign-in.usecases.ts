// Sign-in, the one path of the sign-in form and of POST /api/v1/session: behind the backoff of
// login-throttle.usecases.ts, refused while the IP address or the account (found from whatever identifier was
// typed) must wait; the account's attempt is counted before the password is checked and cleared if it was right;
// a wrong password also counts against the IP address. A success always starts a new session (no fixation) and
// ends the one the browser had.
import type { AccountDeps } from './account-links.js';
import { accountSuspended, invalidCredentials, signInThrottled } from './accounts.errors.js';
import type { LoginCandidate, User } from './accounts.models.js';
import type { LogInInput } from './accounts.schemas.js';
import type { LoginThrottle } from './login-throttle.usecases.js';
import { checkPassword } from './passwords.js';
import { replaceSession, type StartedSession } from './sessions.usecases.js';

export async function signIn(opts: {
  deps: AccountDeps;
  throttle: LoginThrottle;
  input: LogInInput;
  ip: string;
  /** The session cookie the browser sent, if any: it ends. */
  previousSession: string | undefined;
  now?: Date;
}): Promise<{ user: User; session: StartedSession }> {
  const { deps, throttle, input, ip } = opts;
  const found = await deps.store.users.findForLogin(input.identifier);
  const account = found ? `account:${found.user.id}` : `unknown:${input.identifier.toLowerCase()}`;
  const claim = await throttle.claim({ ip, account });
  if (!claim.allowed) throw signInThrottled(claim.retryAfterSeconds);
  const user = await checkCredentials(found, input.password).catch(async (error) => {
    if (invalidCredentials.is(error)) await throttle.failed({ ip });
    // The right password for a suspended account is not a guess: it does not count either.
    else await throttle.succeeded({ account });
    throw error;
  });
  await throttle.succeeded({ account });
  const session = await replaceSession({
    store: deps.store,
    previousCookieValue: opts.previousSession,
    userId: user.id,
    days: deps.config.community.sessionDays,
    now: opts.now,
  });
  return { user, session };
}

async function checkCredentials(found: LoginCandidate | null, password: string): Promise<User> {
  // Checked even without an account, against a dummy hash: the time taken does not tell whether one exists.
  const ok = await checkPassword(found?.passwordHash ?? null, password);
  if (!found || !ok) throw invalidCredentials();
  const { suspensionReason, suspendedAt } = found.user;
  if (suspendedAt)
    throw accountSuspended({
      message: `This account is suspended${suspensionReason ? `: ${suspensionReason}` : '.'}`,
    });
  return found.user;
}
