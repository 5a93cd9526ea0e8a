// Outgoing mail. One sender for the whole application (account mails, digests): SMTP through nodemailer when
// `mail.smtpUrl` is set, .eml files (nodemailer's own stream transport, so the files are exactly what SMTP would
// carry) with mail.transport=file, otherwise the message is only written to the log.
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * Writes each mail as `<dir>/<UTC time>-<id>.eml`, ready to open in a mail client or parse. The file appears
 * whole (written under a temporary name, then renamed), so a reader never sees half a message.
 */
export function createFileMailer(opts: { dir: string; from: string; logger: Logger }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: opts.from, ...message });
      mkdirSync(opts.dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(opts.dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
      writeFileSync(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      opts.logger.info({ to: message.to, subject: message.subject, file }, 'mail written to a file');
    },
    close: () => transport.close(),
  };
}
