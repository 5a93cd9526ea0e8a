// Authorship claims: a signed-in user says "I am this author of this paper"; a moderator approves or rejects.
// Approved authors get a badge on the paper page, on their comments there, and on their profile.
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { ConflictError } from './community.errors.js';
import { parseId } from './community.schemas.js';
import { requireModerator, requireWriter, type Viewer } from './viewer.models.js';
import { findPaper } from './votes.usecases.js';

export async function claimAuthorship(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  authorName: unknown;
  requireVerifiedEmail: boolean;
  now?: Date;
}) {
  const viewer = requireWriter(opts.viewer, opts);
  const paper = await findPaper(opts.store, opts.arxivId);
  const name = typeof opts.authorName === 'string' ? opts.authorName.trim() : '';
  if (!paper.authors.some((a) => a.name === name)) {
    throw new InvalidInputError(
      'claims.invalid_author',
      `Choose one of the paper's authors; "${name.slice(0, 100)}" is not one of them.`,
    );
  }
  try {
    const id = await opts.store.claims.create({
      paperId: paper.id,
      userId: viewer.id,
      authorName: name,
      now: (opts.now ?? new Date()).toISOString(),
    });
    return { id, paper };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('claims.duplicate', 'You have already claimed authorship of this paper.');
    throw error;
  }
}

export async function listPendingClaims(opts: { store: Store; viewer: Viewer | null }) {
  requireModerator(opts.viewer);
  return opts.store.claims.listByStatus('pending');
}

export async function decideClaim(opts: {
  store: Store;
  viewer: Viewer | null;
  claimId: unknown;
  approve: boolean;
  now?: Date;
}) {
  const moderator = requireModerator(opts.viewer);
  const id = parseId(opts.claimId);
  const claim = id ? await opts.store.claims.findById(id) : null;
  if (!claim) throw new NotFoundError('claims.not_found', 'There is no such authorship claim.');
  const decided = await opts.store.moderation.decideClaim({
    claimId: claim.id,
    status: opts.approve ? 'approved' : 'rejected',
    actorId: moderator.id,
    reason: `${claim.username} as "${claim.authorName}" on ${claim.arxivId}`,
    now: (opts.now ?? new Date()).toISOString(),
  });
  if (!decided) throw new ConflictError('claims.decided', 'This claim has already been decided.');
  return claim;
}
