import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSubscriber, digestServices } from '../../test/support/digest.js';
import { seedListed } from '../../test/support/seed.js';
import { type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from '../store/store.js';
import { runDigests } from './digest.usecases.js';
import { verifyClickMac } from './digest-links.js';

const recipient = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '');
// mailparser folds List-* headers into one structured object; the raw lines are what a mail client reads.
const header = (m: ParsedMail, name: string) =>
  (m.headerLines.find((h) => h.key === name)?.line ?? '').replace(/\r\n\s+/g, ' ').replace(/^[^:]+:\s*/, '');

async function seedWorld(store: Store) {
  const day = (d: string, title: string, extra: object = {}) => ({
    day: d,
    paper: { title, publishedAt: `${d}T00:00:00.000Z`, ...extra },
  });
  const [gated, sparse, plain] = await seedListed(store, [
    {
      ...day('2024-05-01', 'Gated sparse mixture of experts routing', {
        links: [{ kind: 'github', url: 'https://github.com/org/moe' }],
      }),
      upvotes: 3,
    },
    { ...day('2024-05-01', 'Sparse attention for long documents'), upvotes: 2 },
    {
      ...day('2024-05-01', 'A plain paper about graphs', { categories: ['math.CO'], primaryCategory: 'math.CO' }),
      upvotes: 1,
    },
    day('2024-05-02', 'Load balancing loss for mixture of experts'),
  ]);
  return { gated: gated!, sparse: sparse!, plain: plain! };
}

describe.each(storeFactories)('digest delivery over real SMTP on $dialect', (factory) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('confirmed subscribers get one digest with one-click unsubscribe headers, both parts and signed links; others get none', async () => {
    const store = await factory.open('digest-delivery');
    const services = await digestServices({ store, env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url } });
    const ids = await seedWorld(store);
    await services.syncSearch();
    const ada = await addSubscriber(store, { email: 'ada@example.org' });
    await addSubscriber(store, { email: 'pending@example.org', status: 'pending' });
    await addSubscriber(store, { email: 'left@example.org', status: 'unsubscribed' });
    const cat = await addSubscriber(store, {
      email: 'cat@example.org',
      preferences: { includeCategories: ['math.CO'] },
    });
    await store.savedSearches.add({
      subscriptionId: cat,
      query: 'mixture of experts',
      category: '',
      hasCode: false,
      now: '2024-04-01T00:00:00Z',
    });

    const run = () => runDigests({ services, kinds: ['daily'], day: '2024-05-01', holder: 'test' });
    const first = await run();
    expect(first.drain).toMatchObject({ sent: 2, failed: 0, retrying: 0 });
    const mails = sink.messages.filter((m) => m.subject?.includes('1 May 2024'));
    expect(mails.map(recipient).sort()).toEqual(['ada@example.org', 'cat@example.org']);

    const mail = mails.find((m) => recipient(m) === 'ada@example.org')!;
    expect(mail.subject).toBe('Top papers of Wednesday, 1 May 2024 · dailypapers');
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(https:\/\/papers\.example\/digest\/unsubscribe\?token=[^>]+)>$/.exec(
      header(mail, 'list-unsubscribe'),
    )?.[1];
    expect(unsubscribe).toBeDefined();
    const row = (await store.digestOutbox.listWithEmail({ status: 'sent', limit: 10 })).find(
      (r) => r.subscriptionId === ada,
    )!;
    // Written out, not digestMessageId() again: outbox id, period key with its colon made safe, the site's host.
    expect(mail.messageId).toBe(`<digest.${row.id}.daily-2024-05-01@papers.example>`);
    expect(row.content.top).toEqual([ids.gated, ids.sparse, ids.plain]);
    for (const part of [mail.text ?? '', String(mail.html)]) {
      expect(part.indexOf('Gated sparse mixture')).toBeLessThan(part.indexOf('Sparse attention'));
      expect(part).toContain('https://github.com/org/moe');
      expect(part).toContain(unsubscribe!.replace(/&/g, '&amp;'));
      expect(part).toContain('/digest/preferences?token=');
    }
    const click = /https:\/\/papers\.example\/digest\/open\/(\d+)\/(\d+)\/([\w-]+)/.exec(mail.text ?? '')!;
    expect(Number(click[1])).toBe(row.id);
    expect(
      verifyClickMac({ secret: services.secret, outboxId: row.id, paperId: Number(click[2]), mac: click[3]! }),
    ).toBe(true);

    // The category subscriber gets the one math paper, then the saved search's match of the period.
    const catMail = mails.find((m) => recipient(m) === 'cat@example.org')!;
    expect(catMail.text).toContain('A plain paper about graphs');
    expect(catMail.text).toContain('New for your search "mixture of experts"');
    expect(catMail.text).toContain('Gated sparse mixture of experts routing');
    expect(catMail.text).not.toContain('Sparse attention');

    // Running the same period again sends nothing more.
    const again = await run();
    expect(again.build[0]!.built).toBe(0);
    expect(again.drain).toMatchObject({ sent: 0 });
    expect(sink.messages.filter((m) => m.subject?.includes('1 May 2024'))).toHaveLength(2);

    // The weekly digest of the same week leaves out what the daily one already sent.
    await store.subscriptions.updatePreferences(
      ada,
      { ...(await store.subscriptions.findById(ada))!, period: 'weekly' },
      '2024-05-06T00:00:00Z',
    );
    await runDigests({ services, kinds: ['weekly'], day: '2024-05-01', holder: 'test' });
    const weekly = await sink.waitFor(
      (m) => recipient(m) === 'ada@example.org' && (m.subject?.includes('Week 18') ?? false),
    );
    expect(weekly.text).toContain('Load balancing loss for mixture of experts');
    expect(weekly.text).not.toContain('Gated sparse mixture');

    // Half a year on, the job forgets what it sent then; the digests themselves stay (no period is built twice).
    const later = await runDigests({
      services,
      kinds: ['daily'],
      day: '2024-05-01',
      holder: 'test',
      now: new Date(Date.now() + 200 * 86_400_000),
    });
    expect(later.pruned).toBeGreaterThanOrEqual(4);
    expect(later.build[0]!.built).toBe(0);
    expect((await store.digestOutbox.sentAmong([ada], [ids.gated, ids.sparse, ids.plain])).size).toBe(0);
    services.close();
    await store.close();
  });
});
