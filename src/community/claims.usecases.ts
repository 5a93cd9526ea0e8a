// Authorship claims: a signed-in user says "I am this author of this paper"; a moderator approves or rejects.
// Approved authors get a badge on the paper page, on their comments there, and on their profile.
import { findPaper } from '../papers/papers.usecases.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { claimDecided, claimDuplicate, claimInvalidAuthor, claimNotFound } from './claims.errors.js';
import { parseId } from './community.schemas.js';
import { requireModerator, requireWriter, type Viewer } from './viewer.models.js';

export async function claimAuthorship(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  /** Trimmed (claims.schemas.ts); checked here against the paper's authors. */
  authorName: string;
  requireVerifiedEmail: boolean;
  now?: Date;
}) {
  const viewer = requireWriter(opts.viewer, opts);
  const paper = await findPaper(opts.store, opts.arxivId);
  const name = opts.authorName;
  if (!paper.authors.some((a) => a.name === name)) throw claimInvalidAuthor(name);
  try {
    const id = await opts.store.claims.create({
      paperId: paper.id,
      userId: viewer.id,
      authorName: name,
      now: (opts.now ?? new Date()).toISOString(),
    });
    return { id, paper };
  } catch (error) {
    if (isUniqueViolation(error)) throw claimDuplicate();
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
  if (!claim) throw claimNotFound();
  const decided = await opts.store.moderation.decideClaim({
    claimId: claim.id,
    status: opts.approve ? 'approved' : 'rejected',
    actorId: moderator.id,
    reason: `${claim.username} as "${claim.authorName}" on ${claim.arxivId}`,
    now: (opts.now ?? new Date()).toISOString(),
  });
  if (!decided) throw claimDecided();
  return claim;
}
