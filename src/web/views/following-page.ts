// /following: the new papers of everything the reader follows, each card saying why it is there; and
// /following/manage: the follows with an unfollow button each, the reader's saved searches to follow, a category
// box, and the private feed's URL with its rotate and turn-off buttons.
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, postButton } from './forms.js';
import { layout } from './layout.js';
import { paperCard } from './paper-card.js';
import type { ChromeVM, PaperCardVM } from './view-models.js';

export interface ReasonVM {
  text: string;
  href: string | null;
}

export interface FollowingPageVM {
  chrome: ChromeVM;
  items: Array<{ card: PaperCardVM; reasons: ReasonVM[] }>;
  page: number;
  hasNext: boolean;
  follows: number;
  windowDays: number;
}

const pageHref = (page: number) => (page > 1 ? `/following?page=${page}` : '/following');

function reasonsLine(reasons: ReasonVM[]): SafeHtml {
  return html`<p class="follow-reasons muted">Here because: ${reasons.map(
    (r, i) => html`${i ? ' · ' : ''}${r.href ? html`<a href="${r.href}">${r.text}</a>` : r.text}`,
  )}</p>`;
}

const HOW_TO_FOLLOW = html`<ul>
<li><strong>Authors</strong>: open an author's page (click their name on any paper) and press <em>Follow</em>.</li>
<li><strong>Categories</strong>: open a category's page, e.g. <a href="/categories/cs.LG">/categories/cs.LG</a>, or type one on <a href="/following/manage">Manage follows</a>.</li>
<li><strong>Collections</strong>: press <em>Follow</em> on another reader's public collection.</li>
<li><strong>Organizations</strong>: press <em>Follow</em> on an organization's page (its name on a paper card leads there).</li>
<li><strong>Saved searches</strong>: save a search with <em>Alert me</em> on the search page, then follow it on <a href="/following/manage">Manage follows</a>.</li>
</ul>`;

export function followingPage(vm: FollowingPageVM): SafeHtml {
  const body = html`<section class="period-header">
<div>
<p class="eyebrow">Following</p>
<h1>New from what you follow</h1>
<p class="muted">Papers of the last ${vm.windowDays} days from the ${vm.follows === 1 ? 'one thing' : `${vm.follows} things`} you follow, newest first · <a href="/following/manage">Manage follows and the private feed</a></p>
</div>
</section>
${
  vm.follows === 0
    ? html`<div class="empty-state"><p class="empty-title">You do not follow anything yet</p><p>Follow authors, categories, collections and your saved searches, and their new papers gather here.</p>${HOW_TO_FOLLOW}</div>`
    : vm.items.length === 0
      ? html`<div class="empty-state"><p class="empty-title">Nothing new${vm.page > 1 ? ' on this page' : ` in the last ${vm.windowDays} days`}</p><p>New papers by the authors, in the categories, collections and saved searches you follow will appear here.</p></div>`
      : html`<ol class="paper-list">${vm.items.map(
          ({ card, reasons }) =>
            html`<li class="following-item">${paperCard({ card, chrome: vm.chrome })}${reasonsLine(reasons)}</li>`,
        )}</ol>`
}
${
  vm.page > 1 || vm.hasNext
    ? html`<nav class="pagination" aria-label="Pages">${vm.page > 1 ? html`<a rel="prev" href="${pageHref(vm.page - 1)}">← Newer</a>` : ''}${
        vm.hasNext ? html` <a rel="next" href="${pageHref(vm.page + 1)}">Older →</a>` : ''
      }</nav>`
    : ''
}`;
  return layout({
    vm: { chrome: vm.chrome, title: 'Following', canonicalPath: pageHref(vm.page) },
    body,
  });
}

export interface ManageFollowsVM {
  chrome: ChromeVM;
  follows: Array<{ kind: string; key: string; kindLabel: string; label: string; href: string | null; since: string }>;
  savedSearches: Array<{ id: number; label: string; following: boolean }>;
  /** The private feed's absolute URLs, or null when it is off. */
  feed: { rss: string; atom: string } | null;
}

export function manageFollowsPage(vm: ManageFollowsVM): SafeHtml {
  const token = vm.chrome.csrfToken;
  const back = '/following/manage';
  const unfollow = (kind: string, key: string, label: string) =>
    postButton({
      action: '/follows',
      label: 'Unfollow',
      csrfToken: token,
      fields: { kind, key, state: 'off', back },
      title: `Stop following ${label}`,
    });
  const body = html`<section class="prose">
<h1>Manage follows</h1>
<p><a href="/following">← New from what you follow</a></p>
<h2>What you follow</h2>
${
  vm.follows.length === 0
    ? html`<p class="muted">Nothing yet.</p>`
    : html`<ul class="follow-list">${vm.follows.map(
        (f) =>
          html`<li class="follow-item"><span class="chip">${f.kindLabel}</span> ${f.href ? html`<a href="${f.href}">${f.label}</a>` : html`${f.label} <span class="muted">(no longer available)</span>`} <span class="muted">since ${f.since.slice(0, 10)}</span> ${unfollow(f.kind, f.key, f.label)}</li>`,
      )}</ul>`
}
<h2>Follow a category</h2>
<form method="post" action="/follows" class="inline-form">${csrfField(token)}<input type="hidden" name="kind" value="category"><input type="hidden" name="state" value="on"><input type="hidden" name="back" value="${back}">
<label for="follow-category">arXiv category</label> <input id="follow-category" name="key" placeholder="cs.LG" maxlength="40" required> <button type="submit" class="button button-small">Follow</button></form>
<h2>Your saved searches</h2>
${
  vm.savedSearches.length === 0
    ? html`<p class="muted">You have no saved searches. Use <em>Alert me</em> on the <a href="/search">search page</a> (see <a href="/settings/digest">digest settings</a>).</p>`
    : html`<ul class="follow-list">${vm.savedSearches.map(
        (s) =>
          html`<li class="follow-item">“${s.label}” ${postButton({
            action: '/follows',
            label: s.following ? '✓ Following' : 'Follow',
            csrfToken: token,
            fields: { kind: 'saved_search', key: String(s.id), state: s.following ? 'off' : 'on', back },
          })}</li>`,
      )}</ul>`
}
<h2>Private feed</h2>
<p>A feed of this page for your feed reader. Its address is secret (it works without signing in): anyone who has it can read what you follow.</p>
${
  vm.feed
    ? html`<p><label for="feed-url">RSS</label> <input id="feed-url" class="feed-url" readonly value="${vm.feed.rss}" size="60"> · <a href="${vm.feed.atom}">Atom</a></p>
<div class="follow-control">${postButton({ action: '/following/feed', label: 'Make a new address (the old one stops working)', csrfToken: token, fields: { action: 'rotate' } })} ${postButton({ action: '/following/feed', label: 'Turn the feed off', csrfToken: token, fields: { action: 'revoke' } })}</div>`
    : html`<div class="follow-control">${postButton({ action: '/following/feed', label: 'Make a private feed address', csrfToken: token, fields: { action: 'rotate' } })}</div>`
}
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'Manage follows' }, body });
}
