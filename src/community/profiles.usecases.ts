// /u/:username — what a user submitted, upvoted (when they chose to show it), collected, commented and authored.
// Visitors see public things; the user also sees their private collections, hidden comments and upvotes.
import type { Store } from '../store/store.js';
import { annotateCards } from './cards.usecases.js';
import { noSuchUser } from './moderation.errors.js';
import { canModerateUser, isModerator, type Viewer } from './viewer.models.js';

const LIMIT = 50;

export async function getProfile(opts: { store: Store; viewer: Viewer | null; username: string }) {
  const { store, viewer } = opts;
  const user = await store.users.findByUsername(opts.username);
  if (!user) throw noSuchUser(opts.username);
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

/**
 * What the profile page shows: the profile, the community annotations of its cards, the listings of the papers
 * the user upvoted, and what the viewer may do there.
 */
export async function getProfilePage(opts: { store: Store; viewer: Viewer | null; username: string }) {
  const { store, viewer } = opts;
  const profile = await getProfile(opts);
  const upvotedIds = profile.upvoted?.map((v) => v.paper.id) ?? [];
  const [notes, upvotedListings] = await Promise.all([
    annotateCards({ store, viewer, paperIds: [...profile.submitted.map((s) => s.paper.id), ...upvotedIds] }),
    store.listings.visibleByPaperIds(upvotedIds),
  ]);
  const target = { id: profile.user.id, role: profile.user.role };
  const canModerate = viewer !== null && isModerator(viewer) && canModerateUser(viewer, target);
  return { profile, notes, upvotedListings, canModerate, canSetRole: canModerate && viewer?.role === 'admin' };
}
