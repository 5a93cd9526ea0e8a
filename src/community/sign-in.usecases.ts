// Sign-in behind the backoff of login-throttle.usecases.ts: refused while the IP address or the account (found from
// whatever identifier was typed) must wait; the account's attempt is counted before the password is checked and
// cleared if it was right; a wrong password also counts against the IP address.
import { type AccountDeps, logIn } from './accounts.usecases.js';
import { InvalidCredentialsError, SignInThrottledError } from './community.errors.js';
import { logInSchema, parseInput } from './community.schemas.js';
import type { LoginThrottle } from './login-throttle.usecases.js';

export async function signIn(opts: { deps: AccountDeps; throttle: LoginThrottle; input: unknown; ip: string }) {
  const { deps, throttle, ip } = opts;
  const { identifier } = parseInput(logInSchema, opts.input, 'account.invalid_input');
  const found = await deps.store.users.findForLogin(identifier);
  const account = found ? `account:${found.user.id}` : `unknown:${identifier.toLowerCase()}`;
  const claim = await throttle.claim({ ip, account });
  if (!claim.allowed) throw new SignInThrottledError(claim.retryAfterSeconds);
  try {
    const user = await logIn({ deps, input: opts.input });
    await throttle.succeeded({ account });
    return user;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) await throttle.failed({ ip });
    // The right password for a suspended account is not a guess: it does not count either.
    else await throttle.succeeded({ account });
    throw error;
  }
}
