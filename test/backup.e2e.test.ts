import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli } from './support/cli.js';
import { freePort } from './support/free-port.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

// `dailypapers backup` against a running server that is being written to, then `restore`, all through the real CLI.

function emailsIn(dbFile: string): Set<string> {
  const db = new Database(dbFile, { readonly: true });
  try {
    return new Set(db.prepare('SELECT email FROM subscriptions').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe('backup and restore on SQLite', () => {
  let root: string;
  let smtp: SmtpSink;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dp-backup-'));
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a backup taken under write load holds every write acknowledged before it started, and restores', async () => {
    const live = path.join(root, 'live');
    const backupFile = path.join(root, 'backup.db');
    const env = {
      DAILYPAPERS_DATA: live,
      DAILYPAPERS_SECRET: 's'.repeat(40),
      DAILYPAPERS_MAIL_SMTP_URL: smtp.url,
      DAILYPAPERS_RATE_LIMIT_ENABLED: 'false',
      DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
      DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
      DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
    };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawnCli(['serve', '--no-demo', '--port', String(port)], env);
    try {
      for (let up = false, until = Date.now() + 90_000; !up; ) {
        up = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!up && Date.now() > until) throw new Error(`server did not start:\n${server.output()}`);
        if (!up) await new Promise((r) => setTimeout(r, 250));
      }
      // Writers: each subscription is acknowledged by the 200 "Check your inbox" page, after its commit.
      const acknowledged: string[] = [];
      const attempted = new Set<string>();
      let writing = true;
      let n = 0;
      const writer = async (w: number) => {
        while (writing) {
          const email = `w${w}-${n++}@example.org`;
          attempted.add(email);
          const res = await fetch(`${base}/digest/subscribe`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `email=${encodeURIComponent(email)}`,
          });
          const text = await res.text();
          if (res.status === 200 && text.includes('Check your inbox')) acknowledged.push(email);
        }
      };
      const writers = Array.from({ length: 6 }, (_, w) => writer(w));
      while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 100));

      const ackedBeforeBackup = [...acknowledged];
      const backup = await runCli(['backup', backupFile], env);
      const ackedByBackupEnd = acknowledged.length;
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toMatch(/backed up 0 papers and 0 accounts \(schema \d+\) to /);
      // A restore must not swap the database under a running server, --force or not.
      const refused = await runCli(['restore', backupFile, '--force'], env);
      expect(refused.code).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
      writing = false;
      await Promise.all(writers);
      server.kill('SIGTERM');
      expect((await exitOf(server)).code).toBe(0);
      expect(ackedByBackupEnd).toBeGreaterThan(ackedBeforeBackup.length); // writes went on during the backup
      expect(refused.output).toMatch(/dailypapers serve \(pid \d+\) is running/);

      // The backup is one self-contained file.
      expect(existsSync(`${backupFile}-wal`)).toBe(false);
      const inBackup = emailsIn(backupFile);
      for (const email of ackedBeforeBackup) expect(inBackup.has(email), email).toBe(true);
      for (const email of inBackup) expect(attempted.has(email), email).toBe(true);

      // Restored into an empty data directory: no --force needed.
      const fresh = path.join(root, 'fresh');
      const restored = await runCli(['restore', backupFile], { ...env, DAILYPAPERS_DATA: fresh });
      expect(restored.code, restored.output).toBe(0);
      expect(emailsIn(path.join(fresh, 'dailypapers.db'))).toEqual(inBackup);

      // Over the live database (which holds data): refused without --force, kept beside with it.
      const over = await runCli(['restore', backupFile], env);
      expect(over.code).toBe(1);
      expect(over.output).toMatch(/holds .*pass --force/);
      const forced = await runCli(['restore', backupFile, '--force'], env);
      expect(forced.code, forced.output).toBe(0);
      expect(emailsIn(path.join(live, 'dailypapers.db'))).toEqual(inBackup);
      const kept = readdirSync(live).find((f) => f.startsWith('dailypapers.db.before-restore-'));
      expect(kept).toBeDefined();
      expect(emailsIn(path.join(live, kept!)).size).toBe(new Set(acknowledged).size);
    } finally {
      server.kill('SIGKILL');
    }
  }, 300_000);

  it('refuses a file that is not a dailypapers database', async () => {
    const data = path.join(root, 'other');
    const foreign = path.join(root, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const result = await runCli(['restore', foreign], { DAILYPAPERS_DATA: data });
    expect(result.code).toBe(1);
    expect(result.output).toContain('not a dailypapers one');
    expect(existsSync(path.join(data, 'dailypapers.db'))).toBe(false);
  }, 300_000);
});
