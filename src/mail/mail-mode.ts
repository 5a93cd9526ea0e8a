// Which way mail leaves the site. Pages, jobs and `serve` ask this one function, so that no page promises a mail
// the site cannot send: with `none` there is no transport at all, and the site says so instead.
import path from 'node:path';
import { type Config, ConfigError } from '../config/config.js';

export type MailMode = 'none' | 'file' | 'smtp';

export function mailModeOf(config: Pick<Config, 'mail'>): MailMode {
  const { transport, smtpUrl } = config.mail;
  if (transport === 'auto') return smtpUrl ? 'smtp' : 'none';
  if (transport === 'smtp' && !smtpUrl)
    throw new ConfigError('mail.transport is smtp but mail.smtpUrl is empty: set DAILYPAPERS_MAIL_SMTP_URL');
  return transport;
}

/** Where the `file` transport writes its .eml files. */
export function mailFileDirOf(config: Pick<Config, 'mail' | 'data'>): string {
  return config.mail.fileDir || path.join(config.data, 'mail');
}

/** The start-up line `serve` prints about mail, naming the setting an operator would change. */
export function mailStartupLine(config: Pick<Config, 'mail' | 'data'>): string {
  const mode = mailModeOf(config);
  if (mode === 'smtp') return `mail: sent over SMTP (mail.smtpUrl) as ${config.mail.from}`;
  if (mode === 'file')
    return `mail: written as .eml files to ${mailFileDirOf(config)} and delivered to nobody (mail.transport=file)`;
  return 'mail: off, no mail is sent (set mail.smtpUrl, or mail.transport=file to keep mails as files); accounts work unconfirmed, digests and alerts are not sent';
}
