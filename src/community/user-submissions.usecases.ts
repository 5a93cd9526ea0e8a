// The papers one user submitted, newest listing first: what their feed (/feeds/users/{username}) lists.
import type { Store } from '../store/store.js';
import { noSuchUser } from './moderation.errors.js';

export async function submissionsOf(opts: { store: Store; username: string; limit: number }) {
  const user = await opts.store.users.findByUsername(opts.username);
  if (!user) throw noSuchUser(opts.username);
  const submitted = await opts.store.submissions.listSubmittedBy(user.id, opts.limit);
  return { username: user.username, submitted };
}
