// Who is asking, and what they may do. Pure functions: routes resolve the viewer, use cases call these checks.
import { accountSuspended, accountUnverified, authRequired } from './accounts.errors.js';
import type { Role, User } from './accounts.models.js';
import { moderationForbidden } from './moderation.errors.js';

export interface Viewer {
  id: number;
  username: string;
  role: Role;
  emailVerified: boolean;
  suspended: boolean;
}

export function viewerFromUser(user: User): Viewer {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    suspended: user.suspendedAt !== null,
  };
}

export function isModerator(viewer: Viewer | null): boolean {
  return viewer?.role === 'moderator' || viewer?.role === 'admin';
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw authRequired();
  return viewer;
}

/**
 * Writes (submit, vote, comment, collections, claims) need a signed-in, unsuspended account, and a verified
 * e-mail address when the operator asks for one.
 */
export function requireWriter(viewer: Viewer | null, opts: { requireVerifiedEmail: boolean }): Viewer {
  const v = requireViewer(viewer);
  if (v.suspended) throw accountSuspended({ message: 'Your account is suspended; you cannot post or vote.' });
  if (opts.requireVerifiedEmail && !v.emailVerified) throw accountUnverified();
  return v;
}

export function requireModerator(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!isModerator(v) || v.suspended) throw moderationForbidden();
  return v;
}

export function requireAdmin(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (v.role !== 'admin' || v.suspended) throw moderationForbidden({ message: 'Only administrators can do that.' });
  return v;
}

/** Moderators act on regular users; only admins act on moderators and admins; nobody acts on themselves. */
export function canModerateUser(actor: Viewer, target: Pick<User, 'id' | 'role'>): boolean {
  if (actor.id === target.id) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'moderator' && target.role === 'user';
}
