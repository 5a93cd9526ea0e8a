// Moderation: hide a listing or a comment (with a reason), suspend a user, change roles. Every action is written
// with its audit entry in one transaction (store/moderation.repository.ts) and shown on /admin/audit.
import { NotFoundError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import type { Role } from './accounts.models.js';
import { ForbiddenError } from './community.errors.js';
import { parseId, parseInput, reasonSchema } from './community.schemas.js';
import { canModerateUser, requireAdmin, requireModerator, type Viewer } from './viewer.models.js';
import { findPaper } from './votes.usecases.js';

interface ModOpts {
  store: Store;
  viewer: Viewer | null;
  reason?: unknown;
  now?: Date;
}

function reasonOf(opts: ModOpts): string | null {
  const reason = parseInput(reasonSchema, opts.reason ?? '', 'moderation.invalid_reason');
  return reason === '' ? null : reason;
}

export async function setListingHidden(opts: ModOpts & { arxivId: string; hidden: boolean }) {
  const moderator = requireModerator(opts.viewer);
  const paper = await findPaper(opts.store, opts.arxivId);
  const listing = await opts.store.submissions.findListingForModeration(paper.id);
  if (!listing) throw new NotFoundError('listings.not_found', `Paper ${paper.arxivId} is not listed.`);
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
  if (!comment || comment.deletedAt) throw new NotFoundError('comments.not_found', 'There is no such comment.');
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
  if (!user) throw new NotFoundError('users.not_found', `There is no user "${opts.username.slice(0, 50)}".`);
  if (!canModerateUser(actor, user)) {
    throw new ForbiddenError('moderation.forbidden', 'Moderators act on regular users only, and nobody on themselves.');
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
    throw new ForbiddenError('moderation.invalid_role', 'Roles are user, moderator and admin.');
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
