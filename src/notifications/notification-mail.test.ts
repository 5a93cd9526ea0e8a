// The hourly notification mails end to end: real SMTP (smtp-server on loopback), the real server for the one-click
// unsubscribe, and a clock passed in so that "an hour later" needs no waiting.
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { seedListed } from '../../test/support/seed.js';
import { type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.js';
import { declareJobs } from '../jobs/definitions.js';
import { createMailer } from '../mail/mailer.js';
import type { Services } from '../services.js';
import { openStore, type Store } from '../store/store.js';
import { runNotificationMails } from './notification-mail.usecases.js';
import type { NotificationDraft } from './notifications.models.js';
import { pruneNotifications, recordNotifications } from './notifications.usecases.js';

const logger = pino({ level: 'silent' });
const T0 = new Date('2026-03-02T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const settings = { maxAttempts: 3, retryBaseSeconds: 60, sendingTimeoutSeconds: 600, concurrency: 1 };

describe('notification mails, batched at most hourly through the outbox', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let sink: SmtpSink;
  let ada: number;
  let bob: number;
  const paper = '2603.00001';

  beforeAll(async () => {
    sink = await startSmtpSink();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app, services } = await buildTestApp({ store, env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url } }));
    await seedListed(store, [{ day: '2026-03-01', paper: { arxivId: paper, title: 'Sparse mixers' } }]);
    ada = await store.users.create({ username: 'ada', email: 'ada@example.org', emailVerifiedAt: T0.toISOString() });
    bob = await store.users.create({ username: 'bob', email: 'bob@example.org', emailVerifiedAt: T0.toISOString() });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await sink.close();
  });

  const reply = (userId: number, commentId: number): NotificationDraft => ({
    userId,
    kind: 'comment_reply',
    dedupeKey: `comment:${commentId}`,
    actorUserId: bob,
    data: {
      arxivId: paper,
      paperTitle: 'Sparse mixers',
      commentId,
      actor: 'bob',
      excerpt: `Reply number ${commentId}`,
    },
  });
  const run = (at: Date, smtpUrl = sink.url) => {
    const mailer = createMailer({ smtpUrl, from: 'dailypapers <noreply@example.org>', logger });
    return runNotificationMails({
      store,
      mailer,
      secret: services.secret,
      origin: 'http://papers.example.org',
      settings,
      holder: 'test',
      logger,
      now: () => at,
    }).finally(() => mailer.close());
  };
  // The raw header as sent (mailparser restructures List-* headers), folded lines joined.
  const header = (m: ParsedMail, name: string) =>
    (m.headerLines.find((h) => h.key === name)?.line ?? '').replace(/\r\n\s+/g, ' ').replace(/^[^:]+:\s*/, '');
  const mailsTo = (address: string) => sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address));

  it('sends one mail with everything waiting, with one-click unsubscribe headers, and never the same one twice', async () => {
    await recordNotifications({ store, now: T0 }, [
      reply(ada, 1),
      reply(ada, 2),
      // Off by default: stays in the app only.
      {
        userId: ada,
        kind: 'paper_new_version',
        dedupeKey: `new_version:${paper}v2`,
        data: { arxivId: paper, paperTitle: 'Sparse mixers', version: 2 },
      },
    ]);
    const first = await run(minutes(1));
    expect(first.batch).toMatchObject({ mails: 1, notifications: 2 });
    expect(first.drain.sent).toBe(1);
    const [mail] = mailsTo('ada@example.org');
    expect(mail!.subject).toBe('2 new notifications on dailypapers');
    expect(mail!.text).toContain('Reply number 1');
    expect(mail!.text).toContain('Reply number 2');
    expect(mail!.text).toContain(`http://papers.example.org/papers/${paper}#comment-2`);
    expect(mail!.text).not.toContain('Version 2');
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(String(mail!.headers.get('message-id'))).toMatch(/^<notifications\.\d+@papers\.example\.org>$/);
    const again = await run(minutes(2));
    expect(again.batch.mails).toBe(0);
    expect(again.drain.sent).toBe(0);
    expect(mailsTo('ada@example.org')).toHaveLength(1);
  });

  it('holds what arrives within the hour for the next mail, which carries only the new ones', async () => {
    await recordNotifications({ store, now: minutes(10) }, [reply(ada, 3)]);
    const soon = await run(minutes(30));
    expect(soon.batch).toMatchObject({ mails: 0, waiting: 1 });
    expect(mailsTo('ada@example.org')).toHaveLength(1);
    const later = await run(minutes(62));
    expect(later.drain.sent).toBe(1);
    const second = mailsTo('ada@example.org')[1]!;
    expect(second.subject).toBe('bob replied to your comment on “Sparse mixers”');
    expect(second.text).toContain('Reply number 3');
    expect(second.text).not.toContain('Reply number 1');
  });

  it('does not mail what was read in the app first, nor anything to the actor', async () => {
    const [n] = await recordNotifications({ store, now: minutes(130) }, [reply(ada, 4), reply(bob, 5)]);
    await store.notifications.markRead(ada, n!.id, minutes(131).toISOString());
    const r = await run(minutes(140));
    expect(r.batch.dropped).toBe(1);
    expect(mailsTo('ada@example.org')).toHaveLength(2);
    // bob was the actor of his "own" reply 5: it was never recorded.
    expect(mailsTo('bob@example.org')).toHaveLength(0);
  });

  it('keeps a mail the SMTP server could not take, and sends it on a later run', async () => {
    await recordNotifications({ store, now: minutes(200) }, [reply(ada, 6)]);
    const down = await run(minutes(201), 'smtp://127.0.0.1:9');
    expect(down.drain).toMatchObject({ sent: 0, retrying: 1 });
    expect(mailsTo('ada@example.org')).toHaveLength(2);
    const up = await run(minutes(230));
    expect(up.drain.sent).toBe(1);
    expect(mailsTo('ada@example.org')[2]!.text).toContain('Reply number 6');
  });

  it('turns the mail’s kinds off with the RFC 8058 one-click POST, without cookies or CSRF token', async () => {
    const mail = mailsTo('ada@example.org')[2]!;
    const listUnsubscribe = header(mail, 'list-unsubscribe');
    const url = new URL(/<([^>]+)>/.exec(listUnsubscribe)![1]!);
    const page = await app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Replies to my comments');
    const forged = await app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search.replace('comment_reply', 'mention')}`,
    });
    expect(forged.statusCode).toBe(400);
    const posted = await app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.statusCode).toBe(200);
    await recordNotifications({ store, now: minutes(400) }, [reply(ada, 7)]);
    const r = await run(minutes(401));
    expect(r.batch.mails).toBe(0);
    expect(mailsTo('ada@example.org')).toHaveLength(3);
    // Still shown in the app.
    expect((await store.notifications.listForUser(ada, { limit: 1 }))[0]!.dedupeKey).toBe('comment:7');
  });

  it('prunes by the documented rule through the job’s use case', async () => {
    const yearLater = new Date(T0.getTime() + 400 * 86_400_000);
    const pruned = await pruneNotifications({ store, now: yearLater });
    expect(pruned.notifications).toBeGreaterThan(0);
    expect(await store.notifications.listForUser(ada, { limit: 10 })).toEqual([]);
    expect(pruned.mails).toBe(3);
  });
});

describe('the notification jobs', () => {
  const signal = new AbortController().signal;

  it('send through the configured SMTP server, and prune', async () => {
    const sink = await startSmtpSink();
    const store = await openStore({ sqliteFile: ':memory:' });
    const { app, services } = await buildTestApp({ store, env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url } });
    try {
      const ada = await store.users.create({
        username: 'ada',
        email: 'ada@example.org',
        emailVerifiedAt: T0.toISOString(),
      });
      await recordNotifications({ store }, [
        {
          userId: ada,
          kind: 'claim_decision',
          dedupeKey: 'claim:1',
          data: { arxivId: '2603.00002', paperTitle: 'Mixers', authorName: 'Ada', approved: true },
        },
      ]);
      const jobs = declareJobs(services);
      const mails = jobs.find((j) => j.name === 'notification-mails')!;
      const result = await mails.run({ signal, logger: services.logger });
      expect(result.changed).toBe(true);
      expect(result.message).toContain('1 built');
      const mail = await sink.waitFor((m) => m.subject === 'Your claim to be Ada on “Mixers” was approved');
      expect(mail.text).toContain('/papers/2603.00002');
      const prune = jobs.find((j) => j.name === 'notifications-prune')!;
      expect((await prune.run({ signal, logger: services.logger })).message).toBe(
        'pruned 0 notifications and 0 settled notification mails',
      );
    } finally {
      await app.close();
      await store.close();
      await sink.close();
    }
  });

  it('say so and build nothing when the site has no mail transport', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const { app, services } = await buildTestApp({ store });
    try {
      const ada = await store.users.create({ username: 'ada', email: 'ada@example.org' });
      await recordNotifications({ store }, [
        {
          userId: ada,
          kind: 'mention',
          dedupeKey: 'comment:1',
          data: { arxivId: '2603.00002', paperTitle: 'Mixers', commentId: 1, actor: 'bob', excerpt: '@ada' },
        },
      ]);
      const job = declareJobs(services).find((j) => j.name === 'notification-mails')!;
      expect(await job.run({ signal, logger: services.logger })).toEqual({
        changed: false,
        message: 'e-mail is off (mail.transport=none): no notification mails built or sent',
      });
      expect(await store.notifications.mails.lastMailAt(ada)).toBeNull();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
