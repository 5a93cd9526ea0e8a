// Digest settings pages: the signed-in /settings/digest, the token-authenticated /digest/preferences from mails,
// the "For you" tab and the operator's outbox page.

import type { OutboxRow, OutboxStatus, Subscription, SubscriptionStatus } from '../../digest/digest.models.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { type PreferencesFormVM, preferencesForm } from './digest-preferences.js';
import { formatDate } from './format.js';
import { postButton } from './forms.js';
import { layout } from './layout.js';
import { alertFeeds, digestFeeds, mailOff, mailOffNotice } from './mail-off.js';
import { paperCard } from './paper-card.js';
import {
  hiddenPapersList,
  notInterestedButton,
  type RecommendationWhyVM,
  recommendationWhy,
  undoNotInterestedBanner,
} from './recommendation-extras.js';
import type { ChromeVM, PaperCardVM } from './view-models.js';

function statusLine(s: Subscription): SafeHtml {
  if (s.status === 'confirmed') return html`<p>Digests go to <strong>${s.email}</strong>.</p>`;
  if (s.status === 'pending')
    return html`<p class="banner banner-warning" role="status">Waiting for confirmation: open the link we sent to <strong>${s.email}</strong>.</p>`;
  return html`<p class="banner banner-warning" role="status"><strong>${s.email}</strong> is unsubscribed: nothing is sent.</p>`;
}

export function accountDigestPage(vm: {
  chrome: ChromeVM;
  form: PreferencesFormVM | null;
  email: string | null;
}): SafeHtml {
  const { chrome } = vm;
  const body = mailOff(chrome)
    ? html`<h1>E-mail digest</h1>
${mailOffNotice({ what: 'digests', feeds: digestFeeds() })}
${vm.form?.savedSearches.length ? html`<p>Your saved searches are kept; follow each in a feed reader: ${vm.form.savedSearches.map((s, i) => html`${i > 0 ? ' · ' : ''}<a href="${alertFeeds(s)[0]!.href}">“${s.query}”</a>`)}</p>` : ''}`
    : vm.form
      ? html`<h1>E-mail digest</h1>
${statusLine(vm.form.subscription)}
${vm.form.subscription.status !== 'confirmed' ? postButton({ action: '/settings/digest/subscribe', label: 'Subscribe', csrfToken: chrome.csrfToken, className: 'button button-primary' }) : ''}
${preferencesForm(vm.form)}
${vm.form.subscription.status === 'confirmed' ? html`<h2>Leave</h2>${postButton({ action: '/settings/digest/unsubscribe', label: 'Unsubscribe', csrfToken: chrome.csrfToken })}` : ''}`
      : html`<h1>E-mail digest</h1>
<p>Get the day's or the week's top papers${vm.email ? html` at <strong>${vm.email}</strong>` : ''}, new matches of your saved searches and papers recommended for you.</p>
${postButton({ action: '/settings/digest/subscribe', label: 'Subscribe', csrfToken: chrome.csrfToken, className: 'button button-primary' })}`;
  return layout({
    vm: { chrome, title: 'E-mail digest' },
    body: html`<section class="prose digest-settings">${body}</section>`,
  });
}

export function tokenPreferencesPage(vm: {
  chrome: ChromeVM;
  form: PreferencesFormVM;
  unsubscribeHref: string;
}): SafeHtml {
  const body = html`<h1>Your digest</h1>
${statusLine(vm.form.subscription)}
${preferencesForm(vm.form)}
<p><a href="${vm.unsubscribeHref}">Unsubscribe</a></p>`;
  return layout({
    vm: { chrome: vm.chrome, title: 'Your digest' },
    body: html`<section class="prose digest-settings">${body}</section>`,
  });
}

export function forYouPage(vm: {
  chrome: ChromeVM;
  items: Array<{ card: PaperCardVM; why: RecommendationWhyVM }>;
  basis: 'model' | 'preferences' | 'nothing-yet';
  /** The paper just marked "not interested", offered back. */
  undo: Pick<StoredPaper, 'arxivId' | 'title'> | null;
  hidden: Array<Pick<StoredPaper, 'arxivId' | 'title'>>;
}): SafeHtml {
  const { csrfToken } = vm.chrome;
  const back = '/for-you';
  const explanation =
    vm.basis === 'model'
      ? 'Ranked for you from your upvotes, collections and clicks in digests, and the papers you marked “not interested”.'
      : vm.basis === 'preferences'
        ? 'Ranked by the categories and authors you chose; upvote papers to teach it what you like.'
        : html`Upvote a few papers, or choose categories and authors in your <a href="/settings/digest">digest settings</a>, and recommendations appear here.`;
  const body = html`<section class="period-header"><div><p class="eyebrow">For you</p><h1>Recommended for you</h1><p class="muted">${explanation}</p></div></section>
${undoNotInterestedBanner({ paper: vm.undo, csrfToken, back })}
${
  vm.items.length === 0
    ? html`<div class="empty-state"><p class="empty-title">No recommendations this week yet</p></div>`
    : html`<ol class="paper-list">${vm.items.map(
        ({ card, why }) =>
          html`<li>${paperCard({ card, chrome: vm.chrome })}${recommendationWhy(why)}${notInterestedButton({ arxivId: card.paper.arxivId, csrfToken, back })}</li>`,
      )}</ol>`
}
${hiddenPapersList({ papers: vm.hidden, csrfToken, back })}`;
  return layout({ vm: { chrome: vm.chrome, title: 'For you', canonicalPath: '/for-you' }, body });
}

export function outboxPage(vm: {
  chrome: ChromeVM;
  counts: Record<OutboxStatus, number>;
  subscribers: Record<SubscriptionStatus, number>;
  failed: Array<OutboxRow & { email: string }>;
  retrying: Array<OutboxRow & { email: string }>;
}): SafeHtml {
  const table = (rows: Array<OutboxRow & { email: string }>, when: (r: OutboxRow) => string) =>
    rows.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<table class="outbox-table"><thead><tr><th>Digest</th><th>Recipient</th><th>Attempts</th><th>When</th><th>Last SMTP reply</th></tr></thead><tbody>${rows.map(
          (r) =>
            html`<tr><td>${r.periodKey}</td><td>${r.email}</td><td>${r.attempts}</td><td>${when(r)}</td><td><code>${r.lastError ?? ''}</code></td></tr>`,
        )}</tbody></table>`;
  const body = html`<section class="prose outbox-page"><h1>Digest outbox</h1>
<p>Subscribers: ${vm.subscribers.confirmed} confirmed, ${vm.subscribers.pending} waiting for confirmation, ${vm.subscribers.unsubscribed} unsubscribed.</p>
<p>Digests: ${vm.counts.pending} pending, ${vm.counts.sending} sending, ${vm.counts.sent} sent, ${vm.counts.skipped} skipped (nothing new), <strong>${vm.counts.failed} failed</strong>.</p>
<h2>Failed for good</h2>
${table(vm.failed, (r) => formatDate(r.createdAt))}
<h2>Waiting for a retry</h2>
${table(vm.retrying, (r) => `next ${r.nextAttemptAt.slice(0, 16).replace('T', ' ')} UTC`)}
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'Digest outbox' }, body });
}
