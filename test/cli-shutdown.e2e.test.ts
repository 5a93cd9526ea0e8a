import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitOf, spawnCli } from './support/cli.js';
import { startFakeArxiv } from './support/fake-arxiv-server.js';
import { freePort } from './support/free-port.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

// `serve` as an operator runs it, stopped the way a service manager stops it: SIGTERM while requests are in flight.

async function waitForHealth(base: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`server did not come up at ${base}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A form post whose body arrives in two parts: the request is in flight until `finish()` sends the rest. */
function slowSubscribe(port: number, email: string) {
  const body = `email=${encodeURIComponent(email)}`;
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => {
    received += d;
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(
    `POST /digest/subscribe HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 6)}`,
  );
  return {
    finish: () => socket.write(body.slice(6)),
    /** The raw response, once the server closed the connection. */
    response: async () => {
      await closed;
      return received;
    },
    destroy: () => socket.destroy(),
  };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('serve on SIGTERM', () => {
  let dir: string;
  let smtp: SmtpSink;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dp-shutdown-'));
    smtp = await startSmtpSink();
  });
  afterEach(async () => {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = (port: number, env: Record<string, string> = {}) =>
    spawnCli(['serve', '--no-demo', '--port', String(port)], {
      DAILYPAPERS_DATA: dir,
      DAILYPAPERS_SECRET: 's'.repeat(40),
      DAILYPAPERS_MAIL_SMTP_URL: smtp.url,
      // Nothing here may reach the real arXiv, whatever a schedule does.
      DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
      DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
      DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
      DAILYPAPERS_LOG_LEVEL: 'info',
      ...env,
    });

  it('stops accepting, finishes the requests in flight (their writes and mails included) and exits 0', async () => {
    const port = await freePort();
    const child = serve(port, { DAILYPAPERS_SHUTDOWN_TIMEOUT_SECONDS: '120' });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, 90_000);
      const emails = ['slow1@example.org', 'slow2@example.org', 'slow3@example.org'];
      const requests = emails.map((email) => slowSubscribe(port, email));
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
      expect(child.exitCode, child.output()).toBeNull();
      expect(await connectionRefused(port)).toBe(true);
      for (const r of requests) r.finish();
      const responses = await Promise.all(requests.map((r) => r.response()));
      for (const response of responses) {
        expect(response).toMatch(/^HTTP\/1\.1 200 /);
        expect(response).toContain('Check your inbox');
      }
      const finished = Date.now();
      expect(await exitOf(child)).toEqual({ code: 0, signal: null });
      expect(child.output()).toContain('shut down cleanly');
      // Not held open by keep-alive connections until their timeout (72 s).
      expect(Date.now() - finished).toBeLessThan(30_000);
      for (const email of emails) await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(email));
      const db = new Database(path.join(dir, 'dailypapers.db'), { readonly: true });
      const stored = db.prepare('SELECT email FROM subscriptions ORDER BY email').pluck().all();
      db.close();
      expect(stored).toEqual(emails);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);

  it('stops a running harvest at its checkpoint, records it as interrupted with its lease freed, and exits 0', async () => {
    const arxiv = await startFakeArxiv();
    // The first OAI-PMH request never gets an answer: the harvest job is in the middle of its batch at SIGTERM.
    arxiv.script({ kind: 'hang' });
    const port = await freePort();
    const child = serve(port, {
      DAILYPAPERS_SHUTDOWN_TIMEOUT_SECONDS: '120',
      DAILYPAPERS_ARXIV_OAI_URL: arxiv.oaiUrl,
      DAILYPAPERS_JOBS_HARVEST_CRON: '* * * * * *',
    });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, 90_000);
      for (let i = 0; i < 600 && arxiv.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(arxiv.requests.length, child.output()).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exitOf(child)).toEqual({ code: 0, signal: null });
      const db = new Database(path.join(dir, 'dailypapers.db'), { readonly: true });
      const harvest = db.prepare("SELECT locked_by, last_status FROM job_state WHERE name = 'harvest'").get();
      db.close();
      expect(harvest).toEqual({ locked_by: null, last_status: 'interrupted' });
    } finally {
      child.kill('SIGKILL');
      await arxiv.close();
    }
  }, 180_000);

  it('exits 1 and says so when in-flight work outlives shutdown.timeoutSeconds', async () => {
    const port = await freePort();
    const child = serve(port, { DAILYPAPERS_SHUTDOWN_TIMEOUT_SECONDS: '2' });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, 90_000);
      const stuck = slowSubscribe(port, 'never@example.org');
      await new Promise((r) => setTimeout(r, 500));
      const signalled = Date.now();
      child.kill('SIGTERM');
      expect(await exitOf(child)).toEqual({ code: 1, signal: null });
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(1900);
      expect(child.output()).toContain('shutdown took longer than shutdown.timeoutSeconds');
      stuck.destroy();
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
