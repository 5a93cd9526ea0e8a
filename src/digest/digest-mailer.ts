// The digest sender uses the application's mailer (src/mail) on a pooled, rate-limited SMTP transport: nodemailer
// reads pool settings from the connection URL, so the operator's `mail.smtpUrl` is reused with digest settings
// added (values the operator already put in the URL win).
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { AppError } from '../core/errors.js';
import { mailFileDirOf, mailModeOf } from '../mail/mail-mode.js';
import { createFileMailer, createMailer, type Mailer } from '../mail/mailer.js';

export class MailNotConfiguredError extends AppError {
  constructor() {
    super(
      'digest.mail_not_configured',
      503,
      'mail.smtpUrl is not set (and mail.transport is not file), so digests cannot be sent; set DAILYPAPERS_MAIL_SMTP_URL or DAILYPAPERS_MAIL_TRANSPORT=file, or use --dry-run to write them to a folder.',
    );
  }
}

export function pooledSmtpUrl(opts: {
  smtpUrl: string;
  concurrency: number;
  ratePerSecond: number;
  timeoutSeconds: number;
}): string {
  const url = new URL(opts.smtpUrl);
  const ms = String(Math.round(opts.timeoutSeconds * 1000));
  const wanted: Record<string, string> = {
    pool: 'true',
    maxConnections: String(opts.concurrency),
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
  };
  if (opts.ratePerSecond > 0) Object.assign(wanted, { rateDelta: '1000', rateLimit: String(opts.ratePerSecond) });
  for (const [key, value] of Object.entries(wanted)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  return url.toString();
}

export function createDigestMailer(opts: { config: Config; logger: Logger }): Mailer {
  const { mail, digest } = opts.config;
  const mode = mailModeOf(opts.config);
  if (mode === 'none') throw new MailNotConfiguredError();
  const logger = opts.logger.child({ component: 'digest-mail' }, { level: 'warn' });
  if (mode === 'file') return createFileMailer({ dir: mailFileDirOf(opts.config), from: mail.from, logger });
  const smtpUrl = pooledSmtpUrl({
    smtpUrl: mail.smtpUrl,
    concurrency: digest.concurrency,
    ratePerSecond: digest.ratePerSecond,
    timeoutSeconds: digest.smtpTimeoutSeconds,
  });
  // One line per digest at info level would flood the log at 100,000 subscribers; the run logs totals instead.
  return createMailer({ smtpUrl, from: mail.from, logger });
}
