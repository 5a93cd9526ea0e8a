// Outgoing mail. One sender for the whole application (account mails here, digests later): SMTP through
// nodemailer when `mail.smtpUrl` is set, otherwise the message is written to the log so that a development
// setup without a mail server can still follow verification and reset links.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe for digests. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects with the transport's error otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl: string; from: string; logger: Logger }): Mailer {
  if (!opts.smtpUrl) return createLogMailer(opts);
  const transport = nodemailer.createTransport(opts.smtpUrl, { from: opts.from });
  return {
    async send(message) {
      await transport.sendMail({ from: opts.from, ...message });
      opts.logger.info({ to: message.to, subject: message.subject }, 'mail sent');
    },
    close: () => transport.close(),
  };
}

function createLogMailer(opts: { from: string; logger: Logger }): Mailer {
  return {
    async send(message) {
      opts.logger.warn(
        { to: message.to, subject: message.subject, text: message.text },
        'mail.smtpUrl is not set: this mail was written to the log instead of being sent',
      );
    },
    close: () => {},
  };
}
