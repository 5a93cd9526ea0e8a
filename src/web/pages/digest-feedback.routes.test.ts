import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { addSubscriber } from '../../../test/support/digest.js';
import { seedListed } from '../../../test/support/seed.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { runDigests } from '../../digest/digest.usecases.js';
import { NOT_INTERESTED_LINK_DAYS, signNotInterestedToken } from '../../digest/digest-links.js';
import type { Services } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

const ORIGIN = 'http://127.0.0.1:3997';
const local = (link: string) => link.replace(ORIGIN, '');

// "Not interested" from a real digest mail (built and sent over SMTP to a loopback sink): the signed link's page
// changes nothing on GET, its button records the mark, the undo takes it back, and altered, forged or expired
// links are refused.
describe('"Not interested" links in digests', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let sink: SmtpSink;
  let mail: ParsedMail;
  let userId: number;
  let subscriptionId: number;
  let paperIds: number[];

  beforeAll(async () => {
    sink = await startSmtpSink();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app, services } = await buildTestApp({
      store,
      env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url, DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN },
    }));
    const quantum = (day: string, title: string) => ({
      day,
      paper: { title, abstract: `${title}. Quantum error correction with surface codes and qubits.` },
    });
    paperIds = await seedListed(store, [
      quantum('2024-04-29', 'Surface codes for qubits'),
      quantum('2024-04-29', 'Decoding quantum error correction'),
      quantum('2024-04-29', 'Qubit error thresholds'),
      quantum('2024-05-01', 'Lattice surgery with surface codes'),
      quantum('2024-05-01', 'Fault-tolerant surface code decoders'),
    ]);
    await makeUser(store, { username: 'eve' });
    userId = (await store.users.findByUsername('eve'))!.id;
    for (const paperId of paperIds.slice(0, 3)) await store.votes.setVote({ userId, paperId, up: true });
    // Categories no top paper is in: the day's papers can only arrive as recommendations.
    subscriptionId = await addSubscriber(store, {
      email: 'eve@example.org',
      userId,
      preferences: { includeCategories: ['math.AG'], forYou: true },
    });
    const run = await runDigests({ services, kinds: ['daily'], day: '2024-05-01', holder: 'test' });
    expect(run.drain).toMatchObject({ sent: 1 });
    mail = await sink.waitFor((m) => m.subject?.includes('1 May 2024') ?? false);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    await sink.close();
  });

  const marks = () => store.paperFeedback.listOf(userId, 'not_interested');

  it('each recommendation in the mail has its own signed link and says why it is recommended', () => {
    const text = mail.text ?? '';
    expect(text).toContain('Recommended for you');
    const links = text.match(/https?:\/\/\S+\/digest\/not-interested\?\S+/g) ?? [];
    expect(links).toHaveLength(2);
    expect(new Set(links.map((l) => new URL(l).searchParams.get('paper')))).toEqual(
      new Set(paperIds.slice(3).map(String)),
    );
    expect(text).toMatch(
      /Because you upvoted “(Surface codes for qubits|Decoding quantum error correction|Qubit error thresholds)”/,
    );
    expect(text).toContain('weighed most: ');
    expect(mail.html).toContain('>Not interested</a>');
    expect(mail.html).toContain('Because you upvoted');
  });

  it('opening the link records nothing; its button does, and the undo takes it back', async () => {
    const link = local(linkIn(mail, '/digest/not-interested'));
    const reader = new TestClient(app);
    const page = await reader.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Not interested?');
    expect(await marks()).toEqual([]);
    const url = new URL(link, ORIGIN);
    const fields = { token: url.searchParams.get('token')!, paper: url.searchParams.get('paper')! };
    const done = await reader.post('/digest/not-interested', { ...fields, state: 'on' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('will not be recommended to you again');
    expect(done.body).toContain('>Undo</button>');
    expect((await marks()).map((m) => m.paperId)).toEqual([Number(fields.paper)]);
    // Opening the link again shows the mark, with its undo.
    expect((await reader.get(link)).body).toContain('>Undo</button>');
    const undone = await reader.post('/digest/not-interested', { ...fields, state: 'off' });
    expect(undone.body).toContain('can be recommended to you again');
    expect(await marks()).toEqual([]);
  });

  it('refuses a link altered to name another paper, a forged one, an expired one, and a post without CSRF', async () => {
    const link = new URL(linkIn(mail, '/digest/not-interested'));
    const token = link.searchParams.get('token')!;
    const paper = link.searchParams.get('paper')!;
    const other = String(paperIds.find((id) => String(id) !== paper));
    const reader = new TestClient(app);
    const altered = await reader.get(`/digest/not-interested?paper=${other}&token=${encodeURIComponent(token)}`);
    expect(altered.statusCode).toBe(400);
    expect(altered.body).toContain('This link does not work');
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await reader.post('/digest/not-interested', { token: forged, paper })).statusCode).toBe(400);
    expect((await reader.get('/digest/not-interested?paper=abc&token=x')).statusCode).toBe(400);
    const subject = { id: subscriptionId, email: 'eve@example.org' };
    const old = new Date(Date.now() - (NOT_INTERESTED_LINK_DAYS + 1) * 86_400_000);
    const expired = signNotInterestedToken({ secret: services.secret, subject, paperId: Number(paper), now: old });
    const stale = await reader.post('/digest/not-interested', { token: expired, paper });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('invalid or has expired');
    const noCsrf = await reader.post('/digest/not-interested', { token, paper, _csrf: '' });
    expect(noCsrf.statusCode).toBe(403);
    expect(await marks()).toEqual([]);
  });
});
