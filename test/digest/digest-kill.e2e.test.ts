import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { exitOf, runCli, spawnCli } from '../support/cli.js';
import { DEFAULT_PREFERENCES } from '../support/digest.js';
import { seedListed } from '../support/seed.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';

const SUBSCRIBERS = 1000;
const recipient = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '');

describe('dailypapers digest run (the real CLI in a child process)', () => {
  let dir: string;
  let sink: SmtpSink;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-digest-'));
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed with SIGKILL while sending and run again, every confirmed subscriber gets exactly one digest (but the one in flight)', async () => {
    const data = path.join(dir, 'kill');
    const store = await openStore({ dataDir: data });
    await seedListed(store, [
      { day: '2024-05-01', upvotes: 2, paper: { title: 'Killing processes safely' } },
      { day: '2024-05-01', upvotes: 1, paper: { title: 'Exactly once delivery' } },
    ]);
    const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.org`);
    for (const email of emails) {
      await store.subscriptions.create({
        email,
        userId: null,
        status: 'confirmed',
        preferences: DEFAULT_PREFERENCES,
        now: '2024-04-01T00:00:00Z',
      });
    }
    await store.subscriptions.create({
      email: 'pending@example.org',
      userId: null,
      status: 'pending',
      preferences: DEFAULT_PREFERENCES,
      now: '2024-04-01T00:00:00Z',
    });
    await store.close();

    const env = {
      DAILYPAPERS_DATA: data,
      DAILYPAPERS_SECRET: 'k'.repeat(40),
      DAILYPAPERS_MAIL_SMTP_URL: sink.url,
      DAILYPAPERS_DIGEST_RATE_PER_SECOND: '0',
      // The re-run comes right after the kill: treat the killed run's "sending" row as interrupted at once.
      DAILYPAPERS_DIGEST_SENDING_TIMEOUT_SECONDS: '0',
    };
    const args = ['digest', 'run', '--period', 'daily', '--date', '2024-05-01'];
    const child = spawnCli(args, env);
    for (let i = 0; i < 1200 && sink.messages.length < 300; i++) await new Promise((r) => setTimeout(r, 25));
    expect(sink.messages.length, child.output()).toBeGreaterThanOrEqual(300);
    child.kill('SIGKILL');
    expect((await exitOf(child)).signal).toBe('SIGKILL');
    const beforeRerun = sink.messages.length;
    expect(beforeRerun).toBeLessThan(SUBSCRIBERS);

    const rerun = await runCli(args, env);
    expect(rerun.code, rerun.output).toBe(0);
    // The sink parses asynchronously: wait until every subscriber is accounted for.
    for (let i = 0; i < 400 && new Set(sink.messages.map(recipient)).size < SUBSCRIBERS; i++)
      await new Promise((r) => setTimeout(r, 25));

    const counts = new Map<string, number>();
    for (const m of sink.messages) counts.set(recipient(m), (counts.get(recipient(m)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...emails].sort());
    const duplicates = [...counts.entries()].filter(([, n]) => n > 1);
    expect(duplicates.length).toBeLessThanOrEqual(1);
    for (const [email, n] of duplicates) {
      expect(n).toBe(2);
      // The resent copy is the same message: same Message-ID, so receiving systems can drop it.
      const ids = sink.messages.filter((m) => recipient(m) === email).map((m) => m.messageId);
      expect(new Set(ids).size).toBe(1);
    }
    const reopened = await openStore({ dataDir: data });
    expect(await reopened.digestOutbox.countByStatus()).toMatchObject({
      sent: SUBSCRIBERS,
      pending: 0,
      sending: 0,
      failed: 0,
    });
    await reopened.close();
  }, 300_000);

  it('--dry-run writes the mails to a folder and neither sends nor records anything; bad options exit 2', async () => {
    const data = path.join(dir, 'dry');
    const store = await openStore({ dataDir: data });
    await seedListed(store, [{ day: '2024-05-01', upvotes: 1, paper: { title: 'Previewed paper' } }]);
    await store.subscriptions.create({
      email: 'preview@example.org',
      userId: null,
      status: 'confirmed',
      preferences: DEFAULT_PREFERENCES,
      now: '2024-04-01T00:00:00Z',
    });
    await store.close();
    const before = sink.messages.length;
    const out = path.join(dir, 'preview');
    const env = { DAILYPAPERS_DATA: data, DAILYPAPERS_SECRET: 'k'.repeat(40) };
    const result = await runCli(['digest', 'run', '--date', '2024-05-01', '--period', 'daily', '--dry-run', out], env);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('1 mail(s) written');
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync(path.join(out, 'daily-2024-05-01'));
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    expect(readFileSync(path.join(out, 'daily-2024-05-01', files.find((f) => f.endsWith('.txt'))!), 'utf8')).toContain(
      'Previewed paper',
    );
    expect(sink.messages.length).toBe(before);
    const reopened = await openStore({ dataDir: data });
    expect(await reopened.digestOutbox.countByStatus()).toMatchObject({ pending: 0, sent: 0 });
    await reopened.close();

    expect((await runCli(['digest', 'run', '--period', 'hourly'], env)).code).toBe(2);
    expect((await runCli(['digest', 'run', '--date', '2024-13-01'], env)).code).toBe(2);
    const noSmtp = await runCli(['digest', 'run', '--date', '2024-05-01'], env);
    expect(noSmtp.code).toBe(2);
    expect(noSmtp.output).toContain('mail.smtpUrl is not set');
  }, 180_000);
});
