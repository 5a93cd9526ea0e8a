// /account: e-mail status (with "send the link again"), profile preferences, API tokens, sign out everywhere.

import type { User } from '../../community/accounts.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { type ApiTokensVM, apiTokensSection } from './api-tokens-section.js';
import { formatDate } from './format.js';
import { csrfField, postButton } from './forms.js';
import { layout } from './layout.js';
import { mailOff } from './mail-off.js';
import type { ChromeVM } from './view-models.js';

export function accountPage(vm: {
  chrome: ChromeVM;
  user: User;
  requireVerifiedEmail: boolean;
  apiTokens?: ApiTokensVM;
}): SafeHtml {
  const { user, chrome } = vm;
  const body = html`<section class="prose account-page">
<h1>Your account</h1>
<p>Signed in as <a href="${`/u/${encodeURIComponent(user.username)}`}"><strong>${user.username}</strong></a> · member since ${formatDate(user.createdAt)}${
    user.role !== 'user' ? html` · <span class="chip">${user.role}</span>` : ''
  }</p>
<h2>E-mail address</h2>
${
  user.emailVerifiedAt
    ? html`<p>${user.email ?? ''} — <strong>verified</strong>.</p>`
    : mailOff(chrome)
      ? html`<p>${user.pendingEmail ?? user.email ?? ''} is <strong>not confirmed</strong>: this site sends no e-mail, so it cannot send a confirmation link. Sign in with your username.</p>`
      : html`<p class="banner banner-warning" role="status">${user.pendingEmail ?? user.email ?? ''} is <strong>not verified</strong> yet.${
          vm.requireVerifiedEmail ? ' Until it is, you can read but not submit, vote or comment.' : ''
        }</p>
${postButton({ action: '/account/verify/resend', label: 'Send the confirmation link again', csrfToken: chrome.csrfToken })}`
}
<h2>Profile</h2>
<form method="post" action="/account/settings">${csrfField(chrome.csrfToken)}
<p><label><input type="checkbox" name="upvotesPublic" value="on"${user.upvotesPublic ? html` checked` : ''}> Show the papers I upvoted on my profile</label></p>
<p><button type="submit" class="button button-small">Save</button></p>
</form>
${vm.apiTokens ? apiTokensSection(vm.apiTokens, chrome.csrfToken) : ''}
<h2>Sessions</h2>
<p>Signed in on another device you no longer use? This signs you out everywhere, here included.</p>
${postButton({ action: '/logout/everywhere', label: 'Sign out everywhere', csrfToken: chrome.csrfToken })}
</section>`;
  return layout({ vm: { chrome, title: 'Your account' }, body });
}
