// The digest sign-up in every page's footer: an e-mail field for readers (no account needed; the confirmation
// mail does the rest), and links to the digest settings and "For you" for signed-in readers.

import { html, type SafeHtml } from '../../render/html.js';
import { csrfField } from './forms.js';
import { alertFeeds, digestFeeds, mailOff, mailOffNotice } from './mail-off.js';
import type { ChromeVM } from './view-models.js';

export function digestFooter(chrome: ChromeVM): SafeHtml {
  if (mailOff(chrome))
    return html`<div class="digest-footer">${mailOffNotice({ what: 'digests', feeds: digestFeeds() })}</div>`;
  if (chrome.user) {
    return html`<p class="digest-footer">Trending papers in your inbox: <a href="/settings/digest">e-mail digest settings</a> · <a href="/for-you">recommended for you</a></p>`;
  }
  // The route accepts the form without a token (see digest.routes.ts); pages that have one send it anyway.
  return html`<form class="digest-footer digest-subscribe" method="post" action="/digest/subscribe">${csrfField(chrome.csrfToken)}
<label for="footer-digest-email">Get trending papers in your inbox</label>
<input id="footer-digest-email" type="email" name="email" placeholder="you@example.org" autocomplete="email" maxlength="254" required>
<button type="submit" class="button button-small">Subscribe</button>
</form>`;
}

/**
 * "Alert me" for a search (for the search page): signed-in readers save it to their digest in one click (and come
 * back to the search); others go to the subscribe page with the search filled in.
 */
export function alertMeControl(vm: {
  chrome: ChromeVM;
  query: string;
  category?: string | null;
  hasCode?: boolean;
  back: string;
}): SafeHtml {
  const query = vm.query.trim();
  if (!query) return html``;
  if (mailOff(vm.chrome)) {
    const rss = alertFeeds({ query, category: vm.category, hasCode: vm.hasCode })[0]!;
    return html`<a class="button button-small alert-me" href="${rss.href}" type="${rss.type}" title="E-mail alerts are not enabled on this site">Follow this search (RSS)</a>`;
  }
  if (vm.chrome.user) {
    return html`<form class="inline-form alert-me" method="post" action="/settings/digest/searches">${csrfField(vm.chrome.csrfToken)}
<input type="hidden" name="query" value="${query}"><input type="hidden" name="category" value="${vm.category ?? ''}">${
      vm.hasCode ? html`<input type="hidden" name="hasCode" value="on">` : ''
    }<input type="hidden" name="back" value="${vm.back}"><button type="submit" class="button button-small">Alert me about new papers</button></form>`;
  }
  const params = new URLSearchParams({
    q: query,
    ...(vm.category ? { category: vm.category } : {}),
    ...(vm.hasCode ? { hasCode: 'on' } : {}),
  });
  return html`<a class="button button-small alert-me" href="${`/digest/subscribe?${params}`}">Alert me about new papers</a>`;
}
