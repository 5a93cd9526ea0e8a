// Comments on paper pages: threaded, Markdown (rendered by the web layer with raw HTML disabled), edit and delete
// your own. Moderators hide instead of deleting (moderation.usecases.ts).
import type { StoredPaper } from '../papers/papers.models.js';
import { findPaper } from '../papers/papers.usecases.js';
import type { Store } from '../store/store.js';
import { commentForbidden, commentGone, commentNotFound, commentsClosed } from './comments.errors.js';
import { buildThread, type Thread } from './comments.models.js';
import { parseId } from './community.schemas.js';
import { requireWriter, type Viewer } from './viewer.models.js';

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
  /** Already valid (comments.schemas.ts): trimmed, not empty, within the length limit. */
  body: string;
  parentId: number | string | null;
  rules: CommentRules;
  now?: Date;
}): Promise<{ id: number; paper: StoredPaper }> {
  const { store } = opts;
  const viewer = requireWriter(opts.viewer, opts.rules);
  const paper = await findPaper(store, opts.arxivId);
  const listing = await store.listings.findByPaperId(paper.id);
  if (listing?.hidden) throw commentsClosed();
  let parentId: number | null = null;
  if (opts.parentId !== null) {
    const parent = await findComment(store, opts.parentId);
    if (parent.paperId !== paper.id)
      throw commentNotFound({ message: 'The comment you replied to is not on this paper.' });
    if (parent.deletedAt || parent.hidden)
      throw commentGone({ message: 'The comment you replied to has been removed.' });
    parentId = parent.id;
  }
  const id = await store.comments.create({
    paperId: paper.id,
    userId: viewer.id,
    parentId,
    body: opts.body,
    createdAt: (opts.now ?? new Date()).toISOString(),
  });
  return { id, paper };
}

async function findComment(store: Store, idValue: unknown) {
  const id = parseId(idValue);
  const comment = id ? await store.comments.findById(id) : null;
  if (!comment) throw commentNotFound();
  return comment;
}

/** A comment its author may change: exists, not deleted, and theirs. */
async function ownComment(store: Store, viewer: Viewer, idValue: unknown) {
  const comment = await findComment(store, idValue);
  if (comment.deletedAt) throw commentGone();
  if (comment.userId !== viewer.id) throw commentForbidden();
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
  /** Already valid (comments.schemas.ts). */
  body: string;
  rules: CommentRules;
  now?: Date;
}): Promise<{ id: number; arxivId: string }> {
  const viewer = requireWriter(opts.viewer, opts.rules);
  const comment = await ownComment(opts.store, viewer, opts.commentId);
  await opts.store.comments.updateBody(comment.id, opts.body, (opts.now ?? new Date()).toISOString());
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
