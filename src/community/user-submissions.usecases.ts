// The papers one user submitted, newest listing first: what their feed (/feeds/users/{username}) lists.
import { NotFoundError } from '../core/errors.js';
import type { Store } from '../store/store.js';

export async function submissionsOf(opts: { store: Store; username: string; limit: number }) {
  const user = await opts.store.users.findByUsername(opts.username);
  // `users.not_found` as the profile page refuses it (its factory belongs to the users domain).
  if (!user) throw new NotFoundError('users.not_found', `There is no user "${opts.username.slice(0, 50)}".`);
  const submitted = await opts.store.submissions.listSubmittedBy(user.id, opts.limit);
  return { username: user.username, submitted };
}
