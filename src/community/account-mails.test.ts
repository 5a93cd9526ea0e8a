import { describe, expect, it } from 'vitest';
import { alreadyRegisteredMail, passwordResetMail, verificationMail } from './account-mails.js';

describe('account mails', () => {
  const common = { to: 'ada@example.org', siteName: 'dailypapers', siteUrl: 'http://papers.example/' };
  const link = 'http://papers.example/account/reset/confirm?token=1.2.a&b';

  it('carry the link whole in the text part and escaped in the HTML part, never markup from a username', () => {
    for (const mail of [
      verificationMail({ ...common, username: '<img src=x>', link, hours: 24 }),
      passwordResetMail({ ...common, username: '<img src=x>', link, hours: 24 }),
    ]) {
      expect(mail.to).toBe('ada@example.org');
      expect(mail.text).toContain(`\n${link}\n`);
      expect(mail.text).toContain('within 24 hours');
      expect(mail.html).toContain('href="http://papers.example/account/reset/confirm?token=1.2.a&amp;b"');
      expect(mail.html).toContain('&lt;img src=x&gt;');
      expect(mail.html).not.toContain('<img');
    }
  });

  it('tells the owner of a registered address how to sign in or reset, without a confirmation link', () => {
    const mail = alreadyRegisteredMail({
      ...common,
      loginUrl: 'http://papers.example/login',
      resetUrl: 'http://papers.example/account/reset',
    });
    expect(mail.subject).toBe('You already have a dailypapers account');
    expect(mail.text).toContain('http://papers.example/login');
    expect(mail.text).toContain('http://papers.example/account/reset');
    expect(mail.text).not.toContain('token=');
  });
});
