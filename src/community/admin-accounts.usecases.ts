// Accounts created by the operator (`dailypapers user create`): verified at once, any role, recorded in the
// audit log with no actor (the command line).

import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { accountExists, invalidAccountInput } from './accounts.errors.js';
import type { Role } from './accounts.models.js';
import { emailSchema, passwordSchema, usernameSchema } from './accounts.schemas.js';
import { parseInput } from './community.schemas.js';
import { hashPassword } from './passwords.js';

export async function createAccountAsOperator(opts: {
  store: Store;
  username: string;
  email: string;
  password: string;
  role: Role;
  now?: Date;
}): Promise<number> {
  // The command line is this use case's edge: its arguments are checked here, by the sign-up form's schemas.
  const username = parseInput(usernameSchema, opts.username, invalidAccountInput.code);
  const email = parseInput(emailSchema, opts.email, invalidAccountInput.code);
  const password = parseInput(passwordSchema, opts.password, invalidAccountInput.code);
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
    if (isUniqueViolation(error)) throw accountExists();
    throw error;
  }
  await opts.store.audit.record(
    { actorId: null, action: 'user.create', targetType: 'user', targetId: String(id), reason: `role: ${opts.role}` },
    now,
  );
  return id;
}
