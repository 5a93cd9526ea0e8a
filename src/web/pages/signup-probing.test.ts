// Sign-up must not tell a visitor whether an e-mail address already has an account (issue 15, finding 2). The
// probe: sign up `probeX` with the victim's address, then `probeX` again with another address, then look at
// everything the prober can see afterwards. Each observation must be the same whether or not the victim has an
// account, with mail (SMTP) and without (mail.transport=none).
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { openStore } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

// Tokens and dates differ between runs; nothing else may.
const normalise = (body: string) =>
  body
    .replace(/value="[A-Za-z0-9_\-.:]{16,}"/g, 'value="…"')
    .replace(/content="[A-Za-z0-9_\-.:]{16,}"/g, 'content="…"');

async function observe(opts: { victimRegistered: boolean; env: Record<string, string> }) {
  const store = await openStore({ sqliteFile: ':memory:' });
  const { app } = await buildTestApp({ store, env: opts.env });
  try {
    if (opts.victimRegistered) await makeUser(store, { username: 'victim', email: 'victim@example.org' });
    const seen: Record<string, unknown> = {};
    const prober = new TestClient(app, {}, '10.9.9.9');
    const first = await prober.post('/signup', {
      username: 'probeX',
      email: 'victim@example.org',
      password: 'prober password 1',
    });
    seen.first = { status: first.statusCode, location: first.headers.location ?? null };
    seen.firstPage = normalise(first.statusCode === 303 ? (await prober.follow(first)).body : first.body);
    const second = await new TestClient(app, {}, '10.9.9.8').post('/signup', {
      username: 'probeX',
      email: 'other@example.org',
      password: 'prober password 2',
    });
    seen.second = { status: second.statusCode, page: normalise(second.body) };
    const asProbe = new TestClient(app, {}, '10.9.9.7');
    seen.signInByName = (
      await asProbe.post('/login', { identifier: 'probeX', password: 'prober password 1' })
    ).statusCode;
    seen.account = normalise((await asProbe.get('/account')).body);
    seen.digestSettings = normalise((await asProbe.get('/settings/digest')).body);
    seen.resend = normalise((await asProbe.follow(await asProbe.post('/account/verify/resend'))).body);
    seen.signInByAddress = (
      await new TestClient(app, {}, '10.9.9.6').post('/login', {
        identifier: 'victim@example.org',
        password: 'prober password 1',
      })
    ).statusCode;
    seen.profile = (await new TestClient(app).get('/u/probeX')).statusCode;
    return seen;
  } finally {
    await app.close();
    await store.close();
  }
}

describe('sign-up does not reveal whether an address has an account', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it('with SMTP: every answer the prober sees is the same, and only the owner hears of it', async () => {
    sink = await startSmtpSink();
    const env = { DAILYPAPERS_MAIL_SMTP_URL: sink.url };
    const registered = await observe({ victimRegistered: true, env });
    const toVictim = sink.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === 'victim@example.org');
    expect(toVictim.map((m) => m.subject)).toEqual([
      expect.stringContaining('already have'),
      expect.stringContaining('already have'),
    ]);
    sink.messages.length = 0;
    const free = await observe({ victimRegistered: false, env });
    expect(free).toEqual(registered);
    expect(registered.second).toMatchObject({ status: 409 });
    expect(registered.signInByAddress).toBe(401);
  }, 120_000);

  it('without mail: every answer the prober sees is the same', async () => {
    const registered = await observe({ victimRegistered: true, env: {} });
    const free = await observe({ victimRegistered: false, env: {} });
    expect(free).toEqual(registered);
    expect(registered.first).toMatchObject({ status: 303 });
    expect(registered.signInByName).toBe(303);
  }, 120_000);
});
