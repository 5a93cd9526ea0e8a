import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { type FakeArxiv, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { makePaper } from '../../../test/support/papers.js';
import { createTestDatabase } from '../../../test/support/postgres.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

const recent = () => new Date(Date.now() - 2 * 86_400_000).toISOString();

describe('submitting papers over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let arxiv: FakeArxiv;
  let ada: TestClient;

  beforeAll(async () => {
    arxiv = await startFakeArxiv();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_ARXIV_API_URL: arxiv.apiUrl,
        DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '30',
        DAILYPAPERS_COMMUNITY_SUBMISSIONS_PER_DAY: '3',
        // A site that can send mail (none is sent here): only then does the verified-address rule apply.
        DAILYPAPERS_MAIL_SMTP_URL: 'smtp://127.0.0.1:9',
      },
    }));
    await makeUser(store, { username: 'ada' });
    ada = new TestClient(app);
    await ada.signIn('ada');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await arxiv.close();
  });

  async function stored(overrides: Parameters<typeof makePaper>[0] = {}) {
    const paper = makePaper({ publishedAt: recent(), ...overrides });
    await store.papers.upsertMany([paper]);
    return paper;
  }

  it('lists a stored paper on today with "submitted by", from every accepted id form', async () => {
    const forms = (id: string) => [
      id,
      `${id}v2`,
      `arXiv:${id}`,
      `https://arxiv.org/abs/${id}`,
      `arxiv.org/pdf/${id}v1.pdf`,
    ];
    for (const [i, form] of forms('2406.00001').entries()) {
      const paper = await stored({ arxivId: `2406.0000${i + 1}` });
      const input = form.replace('2406.00001', paper.arxivId);
      const res = await ada.post('/submit', { arxivId: input });
      expect(res.statusCode, input).toBe(303);
      expect(res.headers.location).toBe(`/papers/${paper.arxivId}`);
      const listing = await store.listings.findByPaperId((await store.papers.findByArxivId(paper.arxivId))!.id);
      expect(listing).toMatchObject({ listedOn: todayUtc(), submittedBy: 'ada' });
      if (i === 2) break; // the daily limit is 3
    }
    const page = await ada.get('/papers/2406.00001');
    expect(page.body).toContain('Submitted by <strong><a class="user-link" href="/u/ada">ada</a></strong>');
  });

  it('refuses duplicates with a link to the existing listing, and the daily limit with a clear message', async () => {
    const dup = await ada.post('/submit', { arxivId: '2406.00001' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('is already listed');
    expect(dup.body).toContain('href="/papers/2406.00001"');
    const paper = await stored();
    const limit = await ada.post('/submit', { arxivId: paper.arxivId });
    expect(limit.statusCode).toBe(403);
    expect(limit.body).toContain('daily limit');
    expect(await store.listings.findByPaperId((await store.papers.findByArxivId(paper.arxivId))!.id)).toBeNull();
  });

  it('refuses invalid ids, too-old papers and unverified accounts, writing nothing', async () => {
    await makeUser(store, { username: 'bob' });
    const bob = new TestClient(app);
    await bob.signIn('bob');
    const invalid = await bob.post('/submit', { arxivId: 'not a paper <b>' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('is not an arXiv id or URL');
    expect(invalid.body).not.toContain('<b>');
    const old = await stored({ publishedAt: '2020-01-01T00:00:00.000Z' });
    const tooOld = await bob.post('/submit', { arxivId: old.arxivId });
    expect(tooOld.statusCode).toBe(403);
    expect(tooOld.body).toContain('in the last 30 days');

    await makeUser(store, { username: 'carl', verified: false });
    const carl = new TestClient(app);
    await carl.signIn('carl');
    const fresh = await stored();
    const unverified = await carl.post('/submit', { arxivId: fresh.arxivId });
    expect(unverified.statusCode).toBe(403);
    expect(unverified.body).toContain('verify your e-mail address');
    expect(await store.listings.count()).toBe(3);
  });

  it('sends signed-out visitors to the sign-in page and back', async () => {
    const res = await new TestClient(app).get('/submit');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fsubmit');
  });

  it('fetches unknown papers from the arXiv API, and says so when arXiv does not know the id', async () => {
    const { app: apiApp } = await buildTestApp({
      store,
      env: { DAILYPAPERS_ARXIV_API_URL: arxiv.apiUrl, DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0' },
    });
    await makeUser(store, { username: 'dora' });
    const dora = new TestClient(apiApp);
    await dora.signIn('dora');
    const res = await dora.post('/submit', { arxivId: 'https://arxiv.org/abs/1605.08386v1' });
    expect(res.statusCode).toBe(303);
    const paper = await store.papers.findByArxivId('1605.08386');
    expect(paper?.title).toBeTruthy();
    expect((await store.listings.findByPaperId(paper!.id))?.submittedBy).toBe('dora');
    expect(arxiv.requests.some((r) => r.path === '/api/query' && r.query.id_list === '1605.08386')).toBe(true);

    const unknown = await dora.post('/submit', { arxivId: '2401.99999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('arXiv has no paper 2401.99999');
    arxiv.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const down = await dora.post('/submit', { arxivId: '2401.99998' });
    expect(down.statusCode).toBe(502);
    expect(down.body).toContain('arXiv could not be reached');
    expect(await store.papers.findByArxivId('2401.99998')).toBeNull();
    await apiApp.close();
  });
});

describe.each(['sqlite', 'postgres'] as const)('upvotes over HTTP on %s', (dialect) => {
  let store: Store;
  let app: FastifyInstance;
  let paperId: number;
  const arxivId = '2406.10001';

  beforeAll(async () => {
    store =
      dialect === 'sqlite'
        ? await openStore({ sqliteFile: ':memory:' })
        : await openStore({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'http_votes') });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_RATE_LIMIT_VOTES_PER_MINUTE: '1000' } }));
    await store.papers.upsertMany([makePaper({ arxivId })]);
    paperId = (await store.papers.findByArxivId(arxivId))!.id;
    await store.listings.add({ paperId, listedOn: todayUtc(), submittedBy: null });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('toggles from the card with JavaScript (JSON) and without (redirect back), pressed state included', async () => {
    await makeUser(store, { username: 'voter' });
    const client = new TestClient(app);
    await client.signIn('voter');
    const json = await client.post(`/papers/${arxivId}/upvote`, { state: 'on' }, { accept: 'application/json' });
    expect(json.json()).toEqual({ upvotes: 1, upvoted: true });
    const page = await client.get(`/papers/${arxivId}`);
    expect(page.body).toContain('aria-pressed="true"');
    expect(page.body).toContain('name="state" value="off"');
    const off = await client.post(
      `/papers/${arxivId}/upvote`,
      { state: 'off' },
      { referer: 'http://localhost/papers?date=2024-05-01' },
    );
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/papers?date=2024-05-01');
    expect((await store.listings.findByPaperId(paperId))?.upvotes).toBe(0);
  });

  it('answers a signed-out vote with 401 JSON or a sign-in redirect', async () => {
    const anon = new TestClient(app);
    const json = await anon.post(
      `/papers/${arxivId}/upvote`,
      { state: 'on', _csrf: '' },
      { accept: 'application/json' },
    );
    expect(json.statusCode).toBe(401);
    expect(json.json().error.code).toBe('auth.required');
    const html = await anon.post(
      `/papers/${arxivId}/upvote`,
      { state: 'on', _csrf: '' },
      { referer: 'http://localhost/' },
    );
    expect(html.headers.location).toBe('/login?next=%2F');
  });

  it('counts many concurrent votes through HTTP exactly, with hotness in step', async () => {
    const clients = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        await makeUser(store, { username: `crowd${i}` });
        const c = new TestClient(app);
        await c.signIn(`crowd${i}`);
        return c;
      }),
    );
    const tokens = await Promise.all(clients.map((c) => c.csrf()));
    const vote = (c: TestClient, i: number, state: string) =>
      c.post(`/papers/${arxivId}/upvote`, { state, _csrf: tokens[i]! }, { accept: 'application/json' });
    // Every client votes twice at once; then half of them take it back while the others vote again.
    const first = await Promise.all([
      ...clients.map((c, i) => vote(c, i, 'on')),
      ...clients.map((c, i) => vote(c, i, 'on')),
    ]);
    expect(first.every((r) => r.statusCode === 200)).toBe(true);
    expect((await store.listings.findByPaperId(paperId))?.upvotes).toBe(24);
    await Promise.all(clients.map((c, i) => vote(c, i, i % 2 ? 'off' : 'on')));
    const listing = await store.listings.findByPaperId(paperId);
    expect(listing?.upvotes).toBe(12);
    const rows = await store.connection.db
      .selectFrom('votes')
      .select('user_id')
      .where('paper_id', '=', paperId)
      .execute();
    expect(rows).toHaveLength(12);
  });
});

describe('rate limits on writes', () => {
  it('limits comments per user with a friendly page for browsers and a 429 JSON error for programs', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const { app } = await buildTestApp({ store, env: { DAILYPAPERS_RATE_LIMIT_COMMENTS_PER_MINUTE: '2' } });
    await store.papers.upsertMany([makePaper({ arxivId: '2406.50001' })]);
    await makeUser(store, { username: 'chatty' });
    const client = new TestClient(app, {}, '10.1.1.1');
    await client.signIn('chatty');
    for (const body of ['one', 'two'])
      expect((await client.post('/papers/2406.50001/comments', { body })).statusCode).toBe(303);
    const page = await client.post('/papers/2406.50001/comments', { body: 'three' });
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('You are doing that too often');
    const json = await client.post('/papers/2406.50001/comments', { body: 'four' }, { accept: 'application/json' });
    expect(json.statusCode).toBe(429);
    expect(json.json().error.code).toBe('rate_limited');
    expect(Number(json.headers['retry-after'])).toBeGreaterThan(0);
    expect(await store.comments.listForPaper((await store.papers.findByArxivId('2406.50001'))!.id)).toHaveLength(2);
    await app.close();
    await store.close();
  });
});
