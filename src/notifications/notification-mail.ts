// The notification mail: every notice of one batch (at most MAIL_MAX_ITEMS listed), a one-click unsubscribe link per
// kind in the body, and RFC 8058 headers whose link turns off every kind the mail carries. The Message-ID is the
// same every time this outbox row is sent, so the one message a crash may resend is recognisable as a duplicate.
import type { MailMessage } from '../mail/mailer.js';
import { html, join } from '../render/html.js';
import { signUnsubscribeToken, unsubscribeUrl } from './notification-links.js';
import { describeNotification } from './notification-text.js';
import { KIND_LABELS, MAIL_MAX_ITEMS, type NotificationKind, type StoredNotification } from './notifications.models.js';

const SITE_NAME = 'dailypapers';

export function composeNotificationMail(opts: {
  mailId: number;
  to: { id: number; email: string; username: string };
  notifications: StoredNotification[];
  secret: string;
  origin: string;
}): MailMessage {
  const base = opts.origin.replace(/\/+$/, '');
  const host = new URL(base).hostname || 'localhost';
  const newestFirst = [...opts.notifications].sort((a, b) => b.id - a.id);
  const listed = newestFirst.slice(0, MAIL_MAX_ITEMS).map((n) => ({ n, text: describeNotification(n) }));
  const more = newestFirst.length - listed.length;
  const kinds = [...new Set(opts.notifications.map((n) => n.kind))].sort() as NotificationKind[];
  const offUrl = (k: readonly NotificationKind[]) =>
    unsubscribeUrl({
      origin: base,
      kinds: k,
      token: signUnsubscribeToken({ secret: opts.secret, userId: opts.to.id, email: opts.to.email, kinds: k }),
    });
  const allOff = offUrl(kinds);
  const settingsUrl = `${base}/settings/notifications`;
  const subject =
    listed.length === 1 && more === 0
      ? listed[0]!.text.summary
      : `${newestFirst.length} new notifications on ${SITE_NAME}`;

  const text = [
    `Hello ${opts.to.username},`,
    '',
    ...listed.flatMap(({ text: t }) => [
      `* ${t.summary}`,
      ...t.details.map((d) => `    ${d.text}${d.path ? ` <${base}${d.path}>` : ''}`),
      `  ${base}${t.path}`,
      '',
    ]),
    ...(more > 0 ? [`…and ${more} more: ${base}/notifications`, ''] : []),
    'You get these e-mails because of your choices at',
    settingsUrl,
    ...kinds.map((k) => `Stop e-mails about "${KIND_LABELS[k]}": ${offUrl([k])}`),
    '',
  ].join('\n');

  const body = html`<!doctype html><html><body>
<p>Hello ${opts.to.username},</p>
<ul>
${listed.map(
  ({ text: t }) =>
    html`<li><a href="${`${base}${t.path}`}">${t.summary}</a>${
      t.details.length
        ? html`<br>${join({
            items: t.details.map((d) =>
              d.path ? html`<a href="${`${base}${d.path}`}">${d.text}</a>` : html`<q>${d.text}</q>`,
            ),
            separator: html`<br>`,
          })}`
        : ''
    }</li>`,
)}
</ul>
${more > 0 ? html`<p><a href="${`${base}/notifications`}">…and ${more} more</a></p>` : ''}
<p style="color:#666;font-size:small">You get these e-mails because of your <a href="${settingsUrl}">notification settings</a>.
${kinds.map((k) => html`<br><a href="${offUrl([k])}">Stop e-mails about “${KIND_LABELS[k]}”</a>`)}</p>
</body></html>`;

  return {
    to: opts.to.email,
    subject,
    text,
    html: body.toString(),
    headers: {
      'Message-ID': `<notifications.${opts.mailId}@${host}>`,
      'List-Unsubscribe': `<${allOff}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `${SITE_NAME} notifications <notifications.${host}>`,
      'Auto-Submitted': 'auto-generated',
    },
  };
}
