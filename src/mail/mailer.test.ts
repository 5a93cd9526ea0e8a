import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.js';
import { verificationMail } from '../community/account-mails.js';
import { createMailer } from './mailer.js';

describe('mailer', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('delivers a verification mail over SMTP with the link in text and escaped HTML', async () => {
    const mailer = createMailer({
      smtpUrl: sink.url,
      from: 'papers <no-reply@example.org>',
      logger: pino({ level: 'silent' }),
    });
    const link = 'http://127.0.0.1:3000/account/verify?token=1.2.abc';
    await mailer.send(
      verificationMail({
        to: 'ada@example.org',
        siteName: 'dailypapers',
        siteUrl: 'http://x',
        username: '<b>ada</b>',
        link,
        hours: 24,
      }),
    );
    mailer.close();
    const mail = await sink.waitFor((m) => m.subject?.includes('Confirm') ?? false);
    expect(mail.from?.text).toContain('no-reply@example.org');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ada@example.org');
    expect(linkIn(mail, '/account/verify')).toBe(link);
    expect(mail.html).toContain('&lt;b&gt;ada&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>ada</b>');
  });

  it('writes the mail to the log when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const mailer = createMailer({ smtpUrl: '', from: 'x <x@example.org>', logger });
    await mailer.send({ to: 'a@example.org', subject: 'Hello', text: 'link: http://example.org/t' });
    expect(lines.join('')).toContain('http://example.org/t');
  });

  it('rejects when the SMTP server cannot be reached, so callers can tell', async () => {
    const mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'x <x@example.org>',
      logger: pino({ level: 'silent' }),
    });
    await expect(mailer.send({ to: 'a@example.org', subject: 'Hello', text: 'x' })).rejects.toThrow();
  });
});
