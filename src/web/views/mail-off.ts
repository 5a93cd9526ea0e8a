// What pages say when the site sends no e-mail (mail.transport=none): never "we sent you a link"; digests and
// alerts point to the feed with the same papers instead; administrators are told which setting turns mail on.
import type { MailMode } from '../../mail/mail-mode.js';
import { html, type SafeHtml } from '../../render/html.js';
import { dailyFeedLinks, savedSearchFeedLinks, trendingFeedLinks } from '../feeds/feed-links.js';
import type { ChromeVM, FeedLinkVM } from './view-models.js';

export const mailOff = (chrome: Pick<ChromeVM, 'mailMode'>) => chrome.mailMode === 'none';

export const MAIL_OFF_SIGNUP =
  'This site sends no e-mail, so your address stays unconfirmed (sign in with your username); you can vote, comment and submit right away.';
export const MAIL_OFF_NOTHING_SENT = 'E-mail is not enabled on this site: nothing was sent.';
export const MAIL_OFF_RESET =
  "E-mail is not enabled on this site, so it cannot send you a link to choose a new password. Ask the site's administrator.";

/** The feeds that carry what an e-mail digest would: the trending and the daily papers. */
export const digestFeeds = (): FeedLinkVM[] => [...trendingFeedLinks(), ...dailyFeedLinks({})];

/** The feed that carries what an alert for this search would. */
export const alertFeeds = (alert: { query: string; category?: string | null; hasCode?: boolean }): FeedLinkVM[] =>
  savedSearchFeedLinks({ query: alert.query, category: alert.category ?? '', hasCode: alert.hasCode ?? false });

export function mailOffNotice(vm: { what: 'digests' | 'alerts'; feeds: FeedLinkVM[] }): SafeHtml {
  return html`<p class="notice mail-off" role="status">E-mail is not enabled on this site, so it sends no ${vm.what}. Follow the same papers in a feed reader: ${vm.feeds.map(
    (f, i) => html`${i > 0 ? ' · ' : ''}<a href="${f.href}" type="${f.type}">${f.title}</a>`,
  )}.</p>`;
}

const ADMIN_NOTICE: Record<Exclude<MailMode, 'smtp'>, string> = {
  none: 'This site sends no e-mail: mail.smtpUrl is not set (mail.transport is none or auto). Accounts work unconfirmed, and digests and search alerts are off. Set DAILYPAPERS_MAIL_SMTP_URL, or DAILYPAPERS_MAIL_TRANSPORT=file to keep each mail as a file.',
  file: 'Mail is written as .eml files under the data directory (mail.transport=file) and delivered to nobody. Set mail.smtpUrl and mail.transport=auto or smtp to send it.',
};

/** For administrators only, on every page: how this site's mail is set up, naming the setting. */
export function adminMailNotice(chrome: ChromeVM): SafeHtml {
  if (chrome.user?.role !== 'admin' || !chrome.mailMode || chrome.mailMode === 'smtp') return html``;
  return html`<p class="banner banner-warning admin-mail-notice" role="note"><strong>Administrators:</strong> ${ADMIN_NOTICE[chrome.mailMode]}</p>
`;
}
