import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { addSubscriber, digestServices } from '../../test/support/digest.js';
import { seedListed } from '../../test/support/seed.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from '../store/store.js';
import { runDigests } from './digest.usecases.js';

/** A real SMTP server that refuses some recipients with the given reply and counts what it accepts per address. */
async function startPickySmtp(refuse: Record<string, { code: number; text: string }>) {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rule = refuse[address.address];
      if (!rule) return callback();
      callback(Object.assign(new Error(rule.text), { responseCode: rule.code }));
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) received.set(r.address, (received.get(r.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Accepts TCP connections and never says a word: every SMTP conversation times out. */
async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function world(store: Store, emails: string[]) {
  await seedListed(store, [{ day: '2024-05-01', upvotes: 1, paper: { title: 'The only paper of the day' } }]);
  for (const email of emails) await addSubscriber(store, { email });
}

describe('digest delivery when SMTP misbehaves', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const open = async () => {
    const store = await storeFactories[0]!.open('digest-failures');
    cleanup.push(() => store.close());
    return store;
  };
  const run = async (store: Store, env: Record<string, string>) => {
    const services = await digestServices({ store, env });
    cleanup.push(services.close);
    return runDigests({ services, kinds: ['daily'], day: '2024-05-01', holder: 'test' });
  };

  it('a 5xx recipient fails at once, a 4xx one is retried until it fails, and everyone else gets exactly one digest', async () => {
    const store = await open();
    const ok = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'];
    await world(store, [...ok, 'bounce@example.org', 'grey@example.org']);
    const smtp = await startPickySmtp({
      'bounce@example.org': { code: 550, text: '5.1.1 No such mailbox' },
      'grey@example.org': { code: 451, text: '4.7.1 Greylisted, try again later' },
    });
    cleanup.push(smtp.close);
    const env = { DAILYPAPERS_MAIL_SMTP_URL: smtp.url, DAILYPAPERS_DIGEST_MAX_ATTEMPTS: '3' };
    expect((await run(store, env)).drain).toMatchObject({ sent: 4, failed: 1, retrying: 1 });
    expect((await run(store, env)).drain).toMatchObject({ sent: 0, failed: 0, retrying: 1 });
    expect((await run(store, env)).drain).toMatchObject({ sent: 0, failed: 1, retrying: 0 });
    expect((await run(store, env)).drain).toMatchObject({ sent: 0, failed: 0, retrying: 0 });

    expect(Object.fromEntries(smtp.received)).toEqual(Object.fromEntries(ok.map((e) => [e, 1])));
    const failed = await store.digestOutbox.listWithEmail({ status: 'failed', limit: 10 });
    expect(failed.map((f) => [f.email, f.attempts]).sort()).toEqual([
      ['bounce@example.org', 1],
      ['grey@example.org', 3],
    ]);
    expect(failed.find((f) => f.email === 'bounce@example.org')?.lastError).toContain('550');
    expect(failed.find((f) => f.email === 'grey@example.org')?.lastError).toContain('451');
  });

  it('a server that never answers is retried later, and the run stops after a few timeouts instead of using up every attempt', async () => {
    const store = await open();
    const emails = Array.from({ length: 8 }, (_, i) => `r${i}@example.org`);
    await world(store, emails);
    const silent = await startSilentServer();
    cleanup.push(silent.close);
    const stalled = await run(store, {
      DAILYPAPERS_MAIL_SMTP_URL: silent.url,
      DAILYPAPERS_DIGEST_SMTP_TIMEOUT_SECONDS: '0.3',
    });
    expect(stalled.drain).toMatchObject({ sent: 0, retrying: 3, failed: 0, stoppedBy: 'connection' });
    expect((await store.digestOutbox.countByStatus()).pending).toBe(8);
    expect(
      (await store.digestOutbox.listWithEmail({ status: 'pending', limit: 10 })).filter((r) => r.lastError).length,
    ).toBe(3);

    const refused = await startSilentServer();
    await refused.close(); // a port nobody listens on any more: connections are refused
    const refusedRun = await run(store, { DAILYPAPERS_MAIL_SMTP_URL: refused.url });
    expect(refusedRun.drain).toMatchObject({ sent: 0, stoppedBy: 'connection' });

    const smtp = await startPickySmtp({});
    cleanup.push(smtp.close);
    expect((await run(store, { DAILYPAPERS_MAIL_SMTP_URL: smtp.url })).drain).toMatchObject({ sent: 8, failed: 0 });
    expect([...smtp.received.values()]).toEqual(emails.map(() => 1));
  });

  it('a subscriber who leaves between building and sending is not sent the digest', async () => {
    const store = await open();
    await world(store, ['stays@example.org', 'leaves@example.org']);
    const smtp = await startPickySmtp({});
    cleanup.push(smtp.close);
    const services = await digestServices({ store, env: { DAILYPAPERS_MAIL_SMTP_URL: smtp.url } });
    cleanup.push(services.close);
    await runDigests({
      services,
      kinds: ['daily'],
      day: '2024-05-01',
      holder: 'test',
      dryRunDir: undefined,
      email: 'stays@example.org',
    });
    // Build the other one without sending (as a crashed run would leave it), then unsubscribe.
    const leaves = (await store.subscriptions.findByEmail('leaves@example.org'))!;
    await store.digestOutbox.insertBuilt(
      [
        {
          subscriptionId: leaves.id,
          periodKey: 'daily:2024-05-01',
          status: 'pending',
          content: { top: [1], searches: [], forYou: [] },
        },
      ],
      new Date().toISOString(),
    );
    await store.subscriptions.unsubscribe(leaves.id, new Date().toISOString());
    const summary = await runDigests({ services, kinds: ['daily'], day: '2024-05-01', holder: 'test' });
    expect(summary.drain).toMatchObject({ sent: 0, skipped: 1 });
    expect([...smtp.received.keys()]).toEqual(['stays@example.org']);
  });
});
