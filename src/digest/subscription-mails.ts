// Mails about a subscription itself (not digests): the double opt-in confirmation, and the note sent when someone
// subscribes an address that already is, so the form never reveals which addresses are subscribed.
import type { MailMessage } from '../mail/mailer.js';
import { html, safeUrl } from '../render/html.js';
import { SITE_NAME } from './digest-mail.js';

function page(paragraphs: Array<string | { href: string; text: string }>): string {
  return html`<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.map((p) =>
    typeof p === 'string' ? html`<p>${p}</p>` : html`<p><a href="${safeUrl(p.href)}">${p.text}</a></p>`,
  )}</body></html>`.toString();
}

export function confirmationMail(m: { to: string; link: string; hours: number; siteUrl: string }): MailMessage {
  const intro = `Please confirm that you want the ${SITE_NAME} paper digest at this address by opening this link within ${m.hours} hours:`;
  const after = 'If you did not ask for it, ignore this message: nothing will be sent to you.';
  return {
    to: m.to,
    subject: `Confirm your ${SITE_NAME} digest subscription`,
    text: `${intro}\n\n${m.link}\n\n${after}\n\n-- \n${m.siteUrl}\n`,
    html: page([intro, { href: m.link, text: 'Confirm my subscription' }, after]),
  };
}

export function alreadySubscribedMail(m: { to: string; manageLink: string; siteUrl: string }): MailMessage {
  const intro = `Someone (perhaps you) asked to subscribe this address to the ${SITE_NAME} digest. It already is.`;
  const after = 'To change what you receive, or to unsubscribe, use this link:';
  return {
    to: m.to,
    subject: `You already receive the ${SITE_NAME} digest`,
    text: `${intro}\n\n${after}\n${m.manageLink}\n\n-- \n${m.siteUrl}\n`,
    html: page([intro, after, { href: m.manageLink, text: 'Manage my digest' }]),
  };
}
