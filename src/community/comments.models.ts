// The comment thread as a reader sees it. Pure: takes every stored comment of a paper and the viewer, and decides
// what shows. Deleted comments, and hidden ones for everyone but their author and moderators, lose their text but
// stay as placeholders while they have visible replies, so the thread keeps its shape; otherwise they vanish.
import { isModerator, type Viewer } from './viewer.models.js';

/** A comment as stored. */
export interface StoredComment {
  id: number;
  paperId: number;
  userId: number;
  username: string;
  parentId: number | null;
  /** Markdown source; '' once deleted. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hidden: boolean;
  hiddenReason: string | null;
}

export type CommentState = 'visible' | 'hidden' | 'deleted' | 'removed';

export interface CommentNode {
  id: number;
  parentId: number | null;
  username: string;
  /** Markdown source; '' for deleted and removed placeholders. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  /** visible; hidden (shown, marked, to its author and moderators); deleted / removed (placeholders). */
  state: CommentState;
  hiddenReason: string | null;
  /** The commenter is an approved author of the paper. */
  byAuthor: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canModerate: boolean;
  children: CommentNode[];
}

export interface Thread {
  roots: CommentNode[];
  /** Visible comments: the number on cards. */
  count: number;
}

function stateFor(c: StoredComment, viewer: Viewer | null): CommentState {
  if (c.deletedAt) return 'deleted';
  if (!c.hidden) return 'visible';
  return viewer && (viewer.id === c.userId || isModerator(viewer)) ? 'hidden' : 'removed';
}

export function buildThread(opts: {
  comments: StoredComment[];
  viewer: Viewer | null;
  authorIds?: ReadonlySet<number>;
}): Thread {
  const { viewer } = opts;
  const moderator = isModerator(viewer) && !viewer?.suspended;
  const nodes = new Map<number, CommentNode>();
  for (const c of opts.comments) {
    const state = stateFor(c, viewer);
    const own = viewer !== null && viewer.id === c.userId && !viewer.suspended;
    const live = state === 'visible' || state === 'hidden';
    nodes.set(c.id, {
      id: c.id,
      parentId: c.parentId,
      username: c.username,
      body: live ? c.body : '',
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      state,
      hiddenReason: state === 'hidden' ? c.hiddenReason : null,
      byAuthor: opts.authorIds?.has(c.userId) ?? false,
      canEdit: own && live,
      canDelete: own && live,
      canModerate: moderator && state !== 'deleted',
      children: [],
    });
  }
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const count = opts.comments.filter((c) => !c.deletedAt && !c.hidden).length;
  return { roots: prune(roots), count };
}

// Drops placeholders with nothing visible below them, bottom-up.
function prune(nodes: CommentNode[]): CommentNode[] {
  const kept: CommentNode[] = [];
  for (const node of nodes) {
    node.children = prune(node.children);
    const placeholder = node.state === 'deleted' || node.state === 'removed';
    if (!placeholder || node.children.length > 0) kept.push(node);
  }
  return kept;
}
