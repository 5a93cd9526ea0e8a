// The mails of accounts (confirm an address, reset a password, "you already have an account"); mail/ only carries
// them. Plain text first (every client shows it, links stay copyable), with a minimal HTML part built by
// the escape-by-default template so that a username can never inject markup into a mail.

import type { MailMessage } from '../mail/mailer.js';
import { html } from '../render/html.js';

interface Common {
  to: string;
  siteName: string;
  siteUrl: string;
}

function htmlBody(paragraphs: Array<string | { href: string; text: string }>): string {
  return html`<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.map((p) =>
    typeof p === 'string' ? html`<p>${p}</p>` : html`<p><a href="${p.href}">${p.text}</a></p>`,
  )}</body></html>`.toString();
}

export function verificationMail(m: Common & { username: string; link: string; hours: number }): MailMessage {
  const lines = [
    `Hello ${m.username},`,
    `please confirm that this is your e-mail address for ${m.siteName} by opening this link within ${m.hours} hours:`,
  ];
  const after = 'If you did not sign up, ignore this message; no account will be activated.';
  return {
    to: m.to,
    subject: `Confirm your e-mail address for ${m.siteName}`,
    text: `${lines.join('\n\n')}\n\n${m.link}\n\n${after}\n\n-- \n${m.siteUrl}\n`,
    html: htmlBody([...lines, { href: m.link, text: 'Confirm my e-mail address' }, after]),
  };
}

export function passwordResetMail(m: Common & { username: string; link: string; hours: number }): MailMessage {
  const lines = [
    `Hello ${m.username},`,
    `someone asked to reset your ${m.siteName} password. To choose a new one, open this link within ${m.hours} hours:`,
  ];
  const after = 'If it was not you, ignore this message: your password stays as it is.';
  return {
    to: m.to,
    subject: `Reset your ${m.siteName} password`,
    text: `${lines.join('\n\n')}\n\n${m.link}\n\n${after}\n\n-- \n${m.siteUrl}\n`,
    html: htmlBody([...lines, { href: m.link, text: 'Choose a new password' }, after]),
  };
}

/** Sent instead of a verification mail when someone signs up with an address that already has an account. */
export function alreadyRegisteredMail(m: Common & { loginUrl: string; resetUrl: string }): MailMessage {
  const lines = [
    `Someone (perhaps you) tried to create a ${m.siteName} account with this e-mail address, which already has one.`,
    `To sign in: ${m.loginUrl}`,
    `Forgot your password? ${m.resetUrl}`,
  ];
  const after = 'If it was not you, ignore this message; nothing has changed.';
  return {
    to: m.to,
    subject: `You already have a ${m.siteName} account`,
    text: `${lines.join('\n\n')}\n\n${after}\n\n-- \n${m.siteUrl}\n`,
    html: htmlBody([
      lines[0]!,
      { href: m.loginUrl, text: 'Sign in' },
      { href: m.resetUrl, text: 'Reset your password' },
      after,
    ]),
  };
}
