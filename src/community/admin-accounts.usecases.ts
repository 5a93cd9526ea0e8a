// Accounts created by the operator (`dailypapers user create`): verified at once, any role, recorded in the
// audit log with no actor (the command line).

import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import type { Role } from './accounts.models.js';
import { ConflictError } from './community.errors.js';
import { emailSchema, parseInput, passwordSchema, usernameSchema } from './community.schemas.js';
import { hashPassword } from './passwords.js';

export async function createAccountAsOperator(opts: {
  store: Store;
  username: string;
  email: string;
  password: string;
  role: Role;
  now?: Date;
}): Promise<number> {
  const username = parseInput(usernameSchema, opts.username, 'account.invalid_input');
  const email = parseInput(emailSchema, opts.email, 'account.invalid_input');
  const password = parseInput(passwordSchema, opts.password, 'account.invalid_input');
  const now = (opts.now ?? new Date()).toISOString();
  let id: number;
  try {
    id = await opts.store.users.create({
      username,
      email,
      passwordHash: await hashPassword(password),
      role: opts.role,
      emailVerifiedAt: now,
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('account.exists', 'An account with this username or e-mail address already exists.');
    throw error;
  }
  await opts.store.audit.record(
    { actorId: null, action: 'user.create', targetType: 'user', targetId: String(id), reason: `role: ${opts.role}` },
    now,
  );
  return id;
}
