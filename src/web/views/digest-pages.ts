// Public digest pages: subscribe (with an optional saved search, the search page's "alert me"), and the pages
// behind the links in mails — confirm and unsubscribe — which change nothing on GET: each shows one button that
// posts. Unsubscribing needs no sign-in and no CSRF token (the signed link is the proof), so mail clients'
// one-click POSTs and this button share one route.

import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, formError } from './forms.js';
import { layout } from './layout.js';
import { alertFeeds, digestFeeds, mailOff, mailOffNotice } from './mail-off.js';
import type { ChromeVM } from './view-models.js';

export interface AlertVM {
  query: string;
  category: string;
  hasCode: boolean;
}

function page(vm: { chrome: ChromeVM; title: string; body: SafeHtml }): SafeHtml {
  return layout({
    vm: { chrome: vm.chrome, title: vm.title },
    body: html`<section class="prose digest-page">${vm.body}</section>`,
  });
}

function alertFields(alert: AlertVM | null): SafeHtml {
  if (!alert) return html``;
  return html`<p>You will also get new papers matching <strong>“${alert.query}”</strong>${alert.category ? html` in ${alert.category}` : ''}${
    alert.hasCode ? ' with code' : ''
  }.</p>
<input type="hidden" name="query" value="${alert.query}"><input type="hidden" name="category" value="${alert.category}">${
    alert.hasCode ? html`<input type="hidden" name="hasCode" value="on">` : ''
  }`;
}

export function subscribePage(vm: {
  chrome: ChromeVM;
  email?: string;
  alert: AlertVM | null;
  error?: string | null;
}): SafeHtml {
  if (mailOff(vm.chrome)) {
    const notice = vm.alert
      ? mailOffNotice({ what: 'alerts', feeds: alertFeeds(vm.alert) })
      : mailOffNotice({ what: 'digests', feeds: digestFeeds() });
    return page({
      chrome: vm.chrome,
      title: 'Get the digest by e-mail',
      body: html`<h1>E-mail is not enabled</h1>
${notice}`,
    });
  }
  return page({
    chrome: vm.chrome,
    title: 'Get the digest by e-mail',
    body: html`<h1>Get trending papers in your inbox</h1>
<p>A short e-mail with the day's (or the week's) top papers. No account needed; we send a confirmation link first, and every digest has a one-click unsubscribe link.</p>
${formError(vm.error)}
<form method="post" action="/digest/subscribe" class="digest-subscribe">${csrfField(vm.chrome.csrfToken)}
${alertFields(vm.alert)}
<p class="form-field"><label for="digest-email">E-mail address</label><br>
<input id="digest-email" name="email" type="email" value="${vm.email ?? ''}" autocomplete="email" maxlength="254" required></p>
<p><button type="submit" class="button button-primary">Subscribe</button></p>
</form>`,
  });
}

export function confirmPage(vm: { chrome: ChromeVM; token: string; email: string }): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Confirm your subscription',
    body: html`<h1>Confirm your subscription</h1>
<p>Send the paper digest to <strong>${vm.email}</strong>?</p>
<form method="post" action="/digest/confirm">${csrfField(vm.chrome.csrfToken)}<input type="hidden" name="token" value="${vm.token}">
<p><button type="submit" class="button button-primary">Yes, subscribe me</button></p></form>`,
  });
}

export function unsubscribePage(vm: {
  chrome: ChromeVM;
  token: string;
  email: string;
  alreadyLeft: boolean;
}): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Unsubscribe',
    body: vm.alreadyLeft
      ? html`<h1>You are unsubscribed</h1><p><strong>${vm.email}</strong> receives no digests.</p>`
      : html`<h1>Unsubscribe</h1>
<p>Stop sending the paper digest to <strong>${vm.email}</strong>?</p>
<form method="post" action="${`/digest/unsubscribe?token=${encodeURIComponent(vm.token)}`}">
<p><button type="submit" class="button button-primary">Unsubscribe</button></p></form>
<p class="muted">Rather change what you receive? Use the “Change what you receive” link at the bottom of any digest.</p>`,
  });
}

export function digestMessagePage(vm: {
  chrome: ChromeVM;
  title: string;
  message: string;
  links?: Array<{ href: string; text: string }>;
}): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: vm.title,
    body: html`<h1>${vm.title}</h1>
<p class="notice" role="status">${vm.message}</p>
${vm.links?.length ? html`<p>${vm.links.map((l, i) => html`${i > 0 ? ' · ' : ''}<a href="${l.href}">${l.text}</a>`)}</p>` : ''}`,
  });
}
