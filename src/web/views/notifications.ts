// /notifications (newest first, unread marked, "older" pages, mark one or all read), its e-mail settings page and
// the page of a mail's one-click unsubscribe link. Everything works without JavaScript: each action is a POST form
// (postButton), kept out of <p> elements because a <form> start tag closes an open <p>.
import type { NotificationText } from '../../notifications/notification-text.js';
import {
  KIND_LABELS,
  MAIL_BATCH_MINUTES,
  type MailPreferences,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../../notifications/notifications.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { formatDate, isoDateTime } from './format.js';
import { csrfField, postButton } from './forms.js';
import { layout } from './layout.js';
import { mailOff } from './mail-off.js';
import type { ChromeVM } from './view-models.js';

export interface NotificationItemVM {
  id: number;
  text: NotificationText;
  createdAt: string;
  read: boolean;
}

export interface NotificationsPageVM {
  chrome: ChromeVM;
  items: NotificationItemVM[];
  unread: number;
  /** Link to the next (older) page, if any. */
  olderHref: string | null;
  /** Whether this is the first page (the "newest" link shows on the others). */
  first: boolean;
  newestId: number | null;
}

function page(chrome: ChromeVM, title: string, body: SafeHtml): SafeHtml {
  return layout({ vm: { chrome, title }, body: html`<section class="notifications-page">${body}</section>` });
}

function item(vm: NotificationsPageVM, n: NotificationItemVM): SafeHtml {
  const { text } = n;
  return html`<li class="${n.read ? 'notification' : 'notification notification-unread'}" id="${`notification-${n.id}`}"${n.read ? '' : html` data-unread`}>
${n.read ? '' : html`<span class="badge">new</span> `}<a href="${text.path}">${text.summary}</a>
${text.details.length ? html`<ul class="notification-details">${text.details.map((d) => html`<li>${d.path ? html`<a href="${d.path}">${d.text}</a>` : html`<q>${d.text}</q>`}</li>`)}</ul>` : ''}
<div class="muted notification-meta"><time datetime="${isoDateTime(n.createdAt)}">${formatDate(n.createdAt)}</time>${
    n.read
      ? ''
      : html` · ${postButton({ action: `/notifications/${n.id}/read`, label: 'Mark read', csrfToken: vm.chrome.csrfToken })}`
  }</div>
</li>`;
}

export function notificationsPage(vm: NotificationsPageVM): SafeHtml {
  const markAll =
    vm.unread > 0
      ? postButton({
          action: '/notifications/read-all',
          label: 'Mark all read',
          csrfToken: vm.chrome.csrfToken,
          fields: vm.newestId === null ? {} : { upTo: String(vm.newestId) },
        })
      : '';
  return page(
    vm.chrome,
    'Notifications',
    html`<h1>Notifications</h1>
<div class="notification-meta"><span data-unread-count="${vm.unread}">${vm.unread === 0 ? 'Nothing unread.' : vm.unread === 1 ? '1 unread.' : `${vm.unread} unread.`}</span> ${markAll} <a href="/settings/notifications">E-mail settings</a></div>
${vm.items.length === 0 ? html`<p class="muted">No notifications${vm.first ? ' yet' : ' here'}. Replies to your comments, @mentions and decisions on your claims show up here.</p>` : html`<ol class="notification-list">${vm.items.map((n) => item(vm, n))}</ol>`}
<nav class="pagination" aria-label="Pages">${vm.first ? '' : html`<a href="/notifications">Newest</a> `}${vm.olderHref ? html`<a rel="next" href="${vm.olderHref}">Older</a>` : ''}</nav>`,
  );
}

export function notificationSettingsPage(vm: {
  chrome: ChromeVM;
  prefs: MailPreferences;
  /** The account's confirmed address, or null (then nothing can be mailed). */
  email: string | null;
}): SafeHtml {
  const off = mailOff(vm.chrome);
  const note = off
    ? html`<p class="banner banner-warning" role="note">E-mail is not enabled on this site: notifications are only shown on <a href="/notifications">your notifications page</a>. Your choices are kept for when it is.</p>`
    : vm.email
      ? html`<p>Notification e-mails go to <strong>${vm.email}</strong>, at most one every ${MAIL_BATCH_MINUTES} minutes, with everything since the last one.</p>`
      : html`<p class="banner banner-warning" role="note">Your account has no confirmed e-mail address, so nothing can be mailed yet (see <a href="/account">your account</a>).</p>`;
  return page(
    vm.chrome,
    'Notification e-mails',
    html`<h1>Notification e-mails</h1>
${note}
<form method="post" action="/settings/notifications">${csrfField(vm.chrome.csrfToken)}
<fieldset><legend>E-mail me about</legend>
${NOTIFICATION_KINDS.map(
  (kind) =>
    html`<p><label><input type="checkbox" name="${`mail_${kind}`}"${vm.prefs[kind] ? html` checked` : ''}> ${KIND_LABELS[kind]}</label></p>`,
)}
</fieldset>
<p><button type="submit" class="button button-primary">Save</button></p>
</form>
<p class="muted">Every notification is also on <a href="/notifications">your notifications page</a>, whatever you choose here.</p>`,
  );
}

const kindList = (kinds: readonly NotificationKind[]) => kinds.map((k) => `“${KIND_LABELS[k]}”`).join(', ');

export function notificationUnsubscribePage(vm: {
  chrome: ChromeVM;
  action: string;
  email: string;
  kinds: NotificationKind[];
  alreadyOff: boolean;
}): SafeHtml {
  return page(
    vm.chrome,
    'Stop notification e-mails',
    vm.alreadyOff
      ? html`<h1>Already off</h1><p><strong>${vm.email}</strong> gets no e-mails about ${kindList(vm.kinds)}.</p>`
      : html`<h1>Stop notification e-mails</h1>
<p>Stop e-mailing <strong>${vm.email}</strong> about ${kindList(vm.kinds)}?</p>
<form method="post" action="${vm.action}"><p><button type="submit" class="button button-primary">Stop these e-mails</button></p></form>
<p class="muted">You will still see them on your notifications page. Other choices: <a href="/settings/notifications">notification settings</a>.</p>`,
  );
}

export function notificationUnsubscribedPage(vm: { chrome: ChromeVM; email: string; kinds: NotificationKind[] }) {
  return page(
    vm.chrome,
    'E-mails stopped',
    html`<h1>E-mails stopped</h1><p class="notice" role="status">No more e-mails to ${vm.email} about ${kindList(vm.kinds)}.</p>
<p><a href="/settings/notifications">Notification settings</a></p>`,
  );
}
