// /u/:username — a user's submissions, upvotes (when public), collections, comments and verified authorships,
// with moderation controls for moderators.
import type { Profile } from '../../community/profiles.usecases.js';
import { renderCommentMarkdown } from '../../render/comment-markdown.js';
import { html, type SafeHtml } from '../../render/html.js';
import { renderTextWithMath } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import { formatDate } from './format.js';
import { csrfField, postButton, reasonForm } from './forms.js';
import { layout } from './layout.js';
import { oneLine, paperCard } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface ProfilePageVM {
  chrome: ChromeVM;
  profile: Profile;
  /** The user's submissions and (when shown) upvotes as paper cards, in the profile's order. */
  submittedCards: PaperCardVM[];
  upvotedCards: PaperCardVM[] | null;
  canModerate: boolean;
  canSetRole: boolean;
  /** Feeds of the user's submissions. */
  alternateFeeds?: FeedLinkVM[];
}

const paperLink = (p: { arxivId: string; title: string }) =>
  html`<a href="${paperPath(p.arxivId)}">${renderTextWithMath(oneLine(p.title))}</a>`;

function section(title: string, items: SafeHtml[], empty: string): SafeHtml {
  return html`<section class="profile-section"><h2>${title}</h2>${
    items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p class="muted">${empty}</p>`
  }</section>`;
}

function cardSection(s: { title: string; cards: PaperCardVM[]; empty: string; chrome: ChromeVM }): SafeHtml {
  return html`<section class="profile-section"><h2>${s.title}</h2>${
    s.cards.length
      ? html`<ol class="paper-list">${s.cards.map((card) => html`<li>${paperCard({ card, chrome: s.chrome })}</li>`)}</ol>`
      : html`<p class="muted">${s.empty}</p>`
  }</section>`;
}

export function profilePage(vm: ProfilePageVM): SafeHtml {
  const { profile: p, chrome } = vm;
  const u = p.user;
  const body = html`<section class="prose profile-page">
<h1>${u.username}</h1>
<p class="muted">Member since ${formatDate(u.createdAt)}${u.role !== 'user' ? html` · <span class="chip">${u.role}</span>` : ''}${
    u.suspended ? html` · <span class="badge badge-withdrawn">suspended</span>` : ''
  }</p>
${
  p.authorOf.length
    ? html`<p>Verified author of ${p.authorOf.map((c, i) => html`${i ? ', ' : ''}<span class="badge author-badge">✓</span> ${paperLink({ arxivId: c.arxivId, title: c.paperTitle })}`)}</p>`
    : ''
}
${vm.canModerate ? moderationControls(vm) : ''}
${cardSection({ title: 'Submitted papers', cards: vm.submittedCards, empty: 'No submissions yet.', chrome })}
${
  vm.upvotedCards
    ? cardSection({
        title: p.self && !u.upvotesPublic ? 'Upvoted papers (only you see this list)' : 'Upvoted papers',
        cards: vm.upvotedCards,
        empty: 'No upvotes yet.',
        chrome,
      })
    : ''
}
${section(
  'Collections',
  p.collections.map(
    (c) =>
      html`<a href="${`/collections/${c.id}`}">${c.name}</a> <span class="muted">· ${c.itemCount} papers${c.isPublic ? '' : ' · private'}</span>`,
  ),
  'No public collections.',
)}
${section(
  'Comments',
  p.comments.map(
    ({ comment, paper }) =>
      html`<article class="profile-comment"><p class="comment-meta">On ${paperLink(paper)} · <a href="${`${paperPath(paper.arxivId)}#comment-${comment.id}`}"><time datetime="${comment.createdAt}">${formatDate(comment.createdAt)}</time></a>${
        comment.hidden ? html` <span class="chip">hidden</span>` : ''
      }</p><div class="comment-body">${renderCommentMarkdown(comment.body, p.mentions)}</div></article>`,
  ),
  'No comments yet.',
)}
</section>`;
  return layout({
    vm: { chrome, title: u.username, description: `${u.username} on dailypapers`, alternateFeeds: vm.alternateFeeds },
    body,
  });
}

function moderationControls(vm: ProfilePageVM): SafeHtml {
  const u = vm.profile.user;
  const base = `/u/${encodeURIComponent(u.username)}`;
  const token = vm.chrome.csrfToken;
  return html`<div class="moderation-panel">
${
  u.suspended
    ? postButton({ action: `${base}/unsuspend`, label: 'Lift the suspension', csrfToken: token })
    : reasonForm({ action: `${base}/suspend`, label: 'Suspend this user', csrfToken: token })
}
${
  vm.canSetRole
    ? html`<form class="inline-form" method="post" action="${`${base}/role`}">${csrfField(token)}<label>Role <select name="role">${(
        ['user', 'moderator', 'admin'] as const
      ).map(
        (r) => html`<option${r === u.role ? html` selected` : ''}>${r}</option>`,
      )}</select></label> <button type="submit" class="button button-small">Set role</button></form>`
    : ''
}
</div>`;
}
