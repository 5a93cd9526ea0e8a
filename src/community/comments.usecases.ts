// Comments on paper pages: threaded, Markdown (rendered by the web layer with raw HTML disabled), edit and delete
// your own. Moderators hide instead of deleting (moderation.usecases.ts).
import { NotFoundError } from '../core/errors.js';
import type { StoredPaper } from '../store/papers.mapping.js';
import type { Store } from '../store/store.js';
import { buildThread, type Thread } from './comments.models.js';
import { ConflictError, ForbiddenError } from './community.errors.js';
import { parseCommentBody, parseId } from './community.schemas.js';
import { requireWriter, type Viewer } from './viewer.models.js';
import { findPaper } from './votes.usecases.js';

export interface CommentRules {
  maxChars: number;
  requireVerifiedEmail: boolean;
}

export async function getThread(opts: { store: Store; viewer: Viewer | null; paperId: number }): Promise<Thread> {
  const [comments, authors] = await Promise.all([
    opts.store.comments.listForPaper(opts.paperId),
    opts.store.claims.approvedForPaper(opts.paperId),
  ]);
  return buildThread({ comments, viewer: opts.viewer, authorIds: new Set(authors.map((a) => a.userId)) });
}

export async function postComment(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  body: unknown;
  parentId?: unknown;
  rules: CommentRules;
  now?: Date;
}): Promise<{ id: number; paper: StoredPaper }> {
  const { store } = opts;
  const viewer = requireWriter(opts.viewer, opts.rules);
  const paper = await findPaper(store, opts.arxivId);
  const body = parseCommentBody(opts.body, opts.rules.maxChars);
  const listing = await store.listings.findByPaperId(paper.id);
  if (listing?.hidden) throw new ForbiddenError('comments.closed', 'Comments are closed on this paper.');
  let parentId: number | null = null;
  if (opts.parentId !== undefined && opts.parentId !== null && opts.parentId !== '') {
    const parent = await findComment(store, opts.parentId);
    if (parent.paperId !== paper.id)
      throw new NotFoundError('comments.not_found', 'The comment you replied to is not on this paper.');
    if (parent.deletedAt || parent.hidden)
      throw new ConflictError('comments.gone', 'The comment you replied to has been removed.');
    parentId = parent.id;
  }
  const id = await store.comments.create({
    paperId: paper.id,
    userId: viewer.id,
    parentId,
    body,
    createdAt: (opts.now ?? new Date()).toISOString(),
  });
  return { id, paper };
}

async function findComment(store: Store, idValue: unknown) {
  const id = parseId(idValue);
  const comment = id ? await store.comments.findById(id) : null;
  if (!comment) throw new NotFoundError('comments.not_found', 'There is no such comment.');
  return comment;
}

/** A comment its author may change: exists, not deleted, and theirs. */
async function ownComment(store: Store, viewer: Viewer, idValue: unknown) {
  const comment = await findComment(store, idValue);
  if (comment.deletedAt) throw new ConflictError('comments.gone', 'This comment has been deleted.');
  if (comment.userId !== viewer.id)
    throw new ForbiddenError('comments.forbidden', 'You can only change your own comments.');
  return comment;
}

async function arxivIdOf(store: Store, paperId: number): Promise<string> {
  const [paper] = await store.papers.findByIds([paperId]);
  return paper!.arxivId;
}

export async function editComment(opts: {
  store: Store;
  viewer: Viewer | null;
  commentId: unknown;
  body: unknown;
  rules: CommentRules;
  now?: Date;
}): Promise<{ id: number; arxivId: string }> {
  const viewer = requireWriter(opts.viewer, opts.rules);
  const comment = await ownComment(opts.store, viewer, opts.commentId);
  const body = parseCommentBody(opts.body, opts.rules.maxChars);
  await opts.store.comments.updateBody(comment.id, body, (opts.now ?? new Date()).toISOString());
  return { id: comment.id, arxivId: await arxivIdOf(opts.store, comment.paperId) };
}

/** Soft delete: replies stay in place under a "deleted" placeholder. */
export async function deleteComment(opts: {
  store: Store;
  viewer: Viewer | null;
  commentId: unknown;
  rules: CommentRules;
  now?: Date;
}): Promise<{ id: number; arxivId: string }> {
  const viewer = requireWriter(opts.viewer, { requireVerifiedEmail: false });
  const comment = await ownComment(opts.store, viewer, opts.commentId);
  await opts.store.comments.softDelete(comment.id, (opts.now ?? new Date()).toISOString());
  return { id: comment.id, arxivId: await arxivIdOf(opts.store, comment.paperId) };
}
