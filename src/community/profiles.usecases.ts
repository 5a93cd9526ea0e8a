// /u/:username — what a user submitted, upvoted (when they chose to show it), collected, commented and authored.
// Visitors see public things; the user also sees their private collections, hidden comments and upvotes.
import { NotFoundError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { isModerator, type Viewer } from './viewer.models.js';

const LIMIT = 50;

export async function getProfile(opts: { store: Store; viewer: Viewer | null; username: string }) {
  const { store, viewer } = opts;
  const user = await store.users.findByUsername(opts.username);
  if (!user) throw new NotFoundError('users.not_found', `There is no user "${opts.username.slice(0, 50)}".`);
  const self = viewer?.id === user.id;
  const showUpvotes = self || user.upvotesPublic;
  const [submitted, upvoted, collections, comments, authorOf] = await Promise.all([
    store.submissions.listSubmittedBy(user.id, LIMIT),
    showUpvotes ? store.votes.listUpvotedBy(user.id, LIMIT) : Promise.resolve(null),
    store.collections.listByUser(user.id, { includePrivate: self }),
    store.comments.listByUser(user.id, { limit: LIMIT, includeHidden: self || isModerator(viewer) }),
    store.claims.approvedForUser(user.id),
  ]);
  return {
    user: {
      id: user.id,
      username: user.username,
      role: user.role,
      createdAt: user.createdAt,
      suspended: user.suspendedAt !== null,
      upvotesPublic: user.upvotesPublic,
    },
    self,
    submitted,
    upvoted,
    collections,
    comments,
    authorOf,
  };
}

export type Profile = Awaited<ReturnType<typeof getProfile>>;
