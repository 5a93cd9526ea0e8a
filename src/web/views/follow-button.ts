// The follow control of author, category, collection and organization pages: a one-button form (no JavaScript needed, CSRF token
// included) that says whether the reader follows the thing and sends the state they ask for (`state=on|off`, not a
// toggle, so a double click cannot undo it). Signed-out readers get a sign-in link that brings them back.
import type { FollowTarget } from '../../follows/follows.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { postButton } from './forms.js';
import type { ChromeVM } from './view-models.js';

export interface FollowButtonVM {
  chrome: ChromeVM;
  target: FollowTarget;
  following: boolean;
  /** What is followed, for the button's title ("Ada Lovelace", "cs.LG", "Reading list"). */
  name: string;
}

export function followButton(vm: FollowButtonVM): SafeHtml {
  const back = vm.chrome.currentPath ?? '/following';
  if (!vm.chrome.user) {
    return html`<div class="follow-control"><a class="button button-small" href="${`/login?next=${encodeURIComponent(back)}`}">Sign in to follow</a></div>`;
  }
  return html`<div class="follow-control">${postButton({
    action: '/follows',
    label: vm.following ? '✓ Following' : 'Follow',
    csrfToken: vm.chrome.csrfToken,
    fields: { kind: vm.target.kind, key: vm.target.key, state: vm.following ? 'off' : 'on', back },
    className: vm.following ? 'button button-small follow-button is-following' : 'button button-small follow-button',
    title: vm.following ? `Stop following ${vm.name}` : `Follow ${vm.name}: new papers appear on /following`,
  })}${vm.following ? html` <a class="muted" href="/following">See what is new</a>` : ''}</div>`;
}
