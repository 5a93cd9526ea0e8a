// The comments section of a paper page: the thread (Markdown rendered safely, see comment-markdown.ts), reply,
// edit and delete forms for one's own comments, hide/unhide for moderators, and the new-comment form.
import type { CommentNode, Thread } from '../../community/comments.models.js';
import { renderCommentMarkdown } from '../../render/comment-markdown.js';
import { html, type SafeHtml } from '../../render/html.js';
import { formatDate, isoDateTime } from './format.js';
import { csrfField, formError, postButton, reasonForm } from './forms.js';
import type { ChromeVM } from './view-models.js';

// Deeper replies are shown at this depth, in order, so a long back-and-forth never becomes a sliver.
const MAX_DEPTH = 6;

export interface CommentsSectionVM {
  chrome: ChromeVM;
  arxivId: string;
  thread: Thread;
  /** Why the reader cannot comment (signed out, unverified, closed), or null when they can. */
  blockedReason: SafeHtml | null;
  maxChars: number;
  draft?: { body: string; parentId: number | null; error: string };
}

export function commentsSection(vm: CommentsSectionVM): SafeHtml {
  const action = `/papers/${vm.arxivId}/comments`;
  const rootDraft = vm.draft && vm.draft.parentId === null ? vm.draft : undefined;
  return html`<p class="muted comment-count" data-comment-count="${vm.thread.count}">${vm.thread.count === 1 ? '1 comment' : `${vm.thread.count} comments`}</p>
${
  vm.blockedReason
    ? html`<p class="notice">${vm.blockedReason}</p>`
    : html`<form method="post" action="${action}" class="comment-form" id="new-comment">${csrfField(vm.chrome.csrfToken)}
${formError(rootDraft?.error)}
<label for="comment-body">Add a comment <small class="muted">(Markdown, TeX math between $…$, no HTML)</small></label><br>
<textarea id="comment-body" name="body" rows="4" cols="72" maxlength="${vm.maxChars}" required>${rootDraft?.body ?? ''}</textarea>
<p><button type="submit" class="button button-primary">Post comment</button></p>
</form>`
}
${vm.thread.roots.length ? html`<ol class="comment-thread">${vm.thread.roots.map((n) => commentItem(vm, n, 1))}</ol>` : ''}`;
}

function commentItem(vm: CommentsSectionVM, node: CommentNode, depth: number): SafeHtml {
  const flattened = depth >= MAX_DEPTH;
  const children = flattened ? [] : node.children;
  const below = flattened ? flatten(node.children) : [];
  return html`<li class="${`comment comment-${node.state}`}" id="${`comment-${node.id}`}" data-comment-id="${node.id}">
<article>
${commentHeader(node)}
${commentBody(node, vm.thread.mentions)}
${commentActions(vm, node)}
</article>
${children.length ? html`<ol class="comment-thread">${children.map((c) => commentItem(vm, c, depth + 1))}</ol>` : ''}
</li>${below.map((c) => commentItem(vm, { ...c, children: [] }, depth))}`;
}

function flatten(nodes: CommentNode[]): CommentNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

function commentHeader(node: CommentNode): SafeHtml {
  if (node.state === 'deleted' || node.state === 'removed') return html``;
  return html`<header class="comment-meta"><a class="comment-author" href="${`/u/${encodeURIComponent(node.username)}`}">${node.username}</a>${
    node.byAuthor ? html` <span class="badge author-badge" title="Verified author of this paper">author</span>` : ''
  } · <a href="${`#comment-${node.id}`}"><time datetime="${isoDateTime(node.createdAt)}">${formatDate(node.createdAt)}</time></a>${
    node.editedAt ? html` <span class="muted">(edited)</span>` : ''
  }</header>`;
}

function commentBody(node: CommentNode, mentions: ReadonlySet<string> | undefined): SafeHtml {
  if (node.state === 'deleted') return html`<p class="muted comment-placeholder">[deleted]</p>`;
  if (node.state === 'removed') return html`<p class="muted comment-placeholder">[removed by a moderator]</p>`;
  const hiddenNote =
    node.state === 'hidden'
      ? html`<p class="banner banner-warning" role="note">Hidden by a moderator${node.hiddenReason ? html`: ${node.hiddenReason}` : ''}. Only its author and moderators see it.</p>`
      : '';
  return html`${hiddenNote}<div class="comment-body">${renderCommentMarkdown(node.body, mentions)}</div>`;
}

function commentActions(vm: CommentsSectionVM, node: CommentNode): SafeHtml {
  const token = vm.chrome.csrfToken;
  const draft = vm.draft?.parentId === node.id ? vm.draft : undefined;
  const canReply = !vm.blockedReason && node.state === 'visible';
  const parts: SafeHtml[] = [];
  if (canReply) {
    parts.push(html`<details class="comment-reply"${draft ? html` open` : ''}><summary>Reply</summary>
<form method="post" action="${`/papers/${vm.arxivId}/comments`}">${csrfField(token)}${formError(draft?.error)}
<input type="hidden" name="parentId" value="${node.id}">
<label>Reply to ${node.username}<br><textarea name="body" rows="3" cols="64" maxlength="${vm.maxChars}" required>${draft?.body ?? ''}</textarea></label>
<p><button type="submit" class="button button-small">Post reply</button></p>
</form></details>`);
  }
  if (node.canEdit) {
    parts.push(html`<details class="comment-edit"><summary>Edit</summary>
<form method="post" action="${`/comments/${node.id}/edit`}">${csrfField(token)}
<textarea name="body" rows="4" cols="64" maxlength="${vm.maxChars}" required aria-label="Comment text">${node.body}</textarea>
<p><button type="submit" class="button button-small">Save</button></p>
</form></details>`);
  }
  if (node.canDelete) parts.push(deleteConfirmation({ commentId: node.id, csrfToken: token }));
  if (node.canModerate) {
    parts.push(
      node.state === 'hidden'
        ? postButton({ action: `/comments/${node.id}/unhide`, label: 'Unhide', csrfToken: token })
        : reasonForm({ action: `/comments/${node.id}/hide`, label: 'Hide', csrfToken: token }),
    );
  }
  return parts.length ? html`<div class="comment-actions">${parts}</div>` : html``;
}

// Deleting is a two-step action that needs no script: "Delete" opens the question, "Yes, delete" posts it with
// confirm=yes (the server deletes nothing without it).
function deleteConfirmation({ commentId, csrfToken }: { commentId: number; csrfToken: string | null }): SafeHtml {
  return html`<details class="comment-delete"><summary>Delete</summary>
<form method="post" action="${`/comments/${commentId}/delete`}" class="confirm-form">${csrfField(csrfToken)}
<input type="hidden" name="confirm" value="yes">
<p>Delete this comment? Replies stay; your text is replaced by “[deleted]”.</p>
<button type="submit" class="button button-small button-danger">Yes, delete</button>
</form></details>`;
}
