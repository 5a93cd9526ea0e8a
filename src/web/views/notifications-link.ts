// The header's link to /notifications with the unread count (views/layout.ts inserts it for signed-in readers).
import { html, type SafeHtml } from '../../render/html.js';
import type { UserVM } from './view-models.js';

export function notificationsLink(user: UserVM): SafeHtml {
  const n = user.unreadNotifications ?? 0;
  const label = n === 0 ? 'Notifications' : `Notifications, ${n} unread`;
  return html`<a class="notifications-link" href="/notifications" aria-label="${label}" title="${label}">Notifications${
    n > 0 ? html` <span class="badge notifications-count" data-unread="${n}">${n > 99 ? '99+' : n}</span>` : ''
  }</a>`;
}
