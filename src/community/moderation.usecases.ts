// Moderation: hide a listing or a comment (with a reason), suspend a user, change roles. Every action is written
// with its audit entry in one transaction (store/moderation.repository.ts) and shown on /admin/audit.
import { listingNotFound } from '../papers/papers.errors.js';
import { findPaper } from '../papers/papers.usecases.js';
import type { Store } from '../store/store.js';
import type { Role } from './accounts.models.js';
import { commentNotFound } from './comments.errors.js';
import { parseId } from './community.schemas.js';
import { moderationForbidden, moderationInvalidRole, noSuchUser } from './moderation.errors.js';
import { canModerateUser, requireAdmin, requireModerator, type Viewer } from './viewer.models.js';

interface ModOpts {
  store: Store;
  viewer: Viewer | null;
  /** Already valid (moderation.schemas.ts): trimmed, null when none was given. */
  reason?: string | null;
  now?: Date;
}

function reasonOf(opts: ModOpts): string | null {
  return opts.reason ?? null;
}

export async function setListingHidden(opts: ModOpts & { arxivId: string; hidden: boolean }) {
  const moderator = requireModerator(opts.viewer);
  const paper = await findPaper(opts.store, opts.arxivId);
  const listing = await opts.store.submissions.findListingForModeration(paper.id);
  if (!listing) throw listingNotFound({ message: `Paper ${paper.arxivId} is not listed.` });
  await opts.store.moderation.setListingHidden({
    listingId: listing.id,
    hidden: opts.hidden,
    reason: reasonOf(opts),
    actorId: moderator.id,
    now: (opts.now ?? new Date()).toISOString(),
  });
  return { paper };
}

export async function setCommentHidden(opts: ModOpts & { commentId: unknown; hidden: boolean }) {
  const moderator = requireModerator(opts.viewer);
  const id = parseId(opts.commentId);
  const comment = id ? await opts.store.comments.findById(id) : null;
  if (!comment || comment.deletedAt) throw commentNotFound();
  await opts.store.moderation.setCommentHidden({
    commentId: comment.id,
    hidden: opts.hidden,
    reason: reasonOf(opts),
    actorId: moderator.id,
    now: (opts.now ?? new Date()).toISOString(),
  });
  const [paper] = await opts.store.papers.findByIds([comment.paperId]);
  return { comment, arxivId: paper!.arxivId };
}

async function targetUser(opts: ModOpts & { username: string }, actor: Viewer) {
  const user = await opts.store.users.findByUsername(opts.username);
  if (!user) throw noSuchUser(opts.username);
  if (!canModerateUser(actor, user)) {
    throw moderationForbidden({ message: 'Moderators act on regular users only, and nobody on themselves.' });
  }
  return user;
}

/** Suspending blocks sign-in and every write, and ends the user's sessions. */
export async function setUserSuspended(opts: ModOpts & { username: string; suspended: boolean }) {
  const moderator = requireModerator(opts.viewer);
  const user = await targetUser(opts, moderator);
  await opts.store.moderation.setUserSuspended({
    userId: user.id,
    suspended: opts.suspended,
    reason: reasonOf(opts),
    actorId: moderator.id,
    now: (opts.now ?? new Date()).toISOString(),
  });
  return user;
}

export async function setUserRole(opts: ModOpts & { username: string; role: unknown }) {
  const admin = requireAdmin(opts.viewer);
  const role = opts.role;
  if (role !== 'user' && role !== 'moderator' && role !== 'admin') {
    throw moderationInvalidRole();
  }
  const user = await targetUser(opts, admin);
  await opts.store.moderation.setUserRole({
    userId: user.id,
    role: role as Role,
    reason: reasonOf(opts),
    actorId: admin.id,
    now: (opts.now ?? new Date()).toISOString(),
  });
  return user;
}

export async function listAudit(opts: { store: Store; viewer: Viewer | null; page: number; pageSize?: number }) {
  requireModerator(opts.viewer);
  const pageSize = opts.pageSize ?? 50;
  const entries = await opts.store.audit.list({ limit: pageSize + 1, offset: (opts.page - 1) * pageSize });
  return { entries: entries.slice(0, pageSize), hasMore: entries.length > pageSize, page: opts.page };
}
