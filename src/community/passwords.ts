// Passwords are hashed with argon2id (@node-rs/argon2 defaults: 19 MiB, 2 passes — OWASP's minimum profile).
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password. With no stored hash (unknown account, or one created without a password) it still runs a
 * full argon2 verification against a dummy hash, so the response time does not tell whether an account exists.
 */
export async function checkPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('dummy password for constant-time refusals');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
