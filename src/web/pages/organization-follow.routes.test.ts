// Following an organization over a real server and store: the button on /orgs/{slug}, its papers on /following
// ("from organization …"), the private feed, the API by id or slug, the digest section, and the refusals.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { makePaper } from '../../../test/support/papers.js';
import { followingDigestCandidates } from '../../follows/digest-section.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

const ORIGIN = 'https://papers.example.org';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe('following an organization over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let reader: TestClient;
  let readerId: number;
  let orgId: number;
  const cardIds = (body: string) =>
    [...body.matchAll(/class="card-title"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN } }));
    const alice = await makeUser(store, { username: 'alice' });
    readerId = await makeUser(store, { username: 'reader' });
    reader = new TestClient(app);
    await reader.signIn('reader');
    orgId = await store.organizations.create({
      slug: 'vision-lab',
      name: 'Vision Lab',
      description: '',
      userId: alice,
      now: daysAgo(10),
    });
    // Attributed two days ago, one of them an older paper the lab claimed (news to its followers, as an addition to a
    // followed collection is); a third attributed long ago is not news; a fourth paper is nobody's.
    await store.papers.upsertMany([
      makePaper({ arxivId: '2501.00301', title: 'Seeing in the dark', publishedAt: daysAgo(3) }),
      makePaper({ arxivId: '2301.00302', title: 'An older lab paper', publishedAt: daysAgo(400) }),
      makePaper({ arxivId: '2401.00303', title: 'Long attributed', publishedAt: daysAgo(90) }),
      makePaper({ arxivId: '2501.00304', title: 'Unattributed', publishedAt: daysAgo(1) }),
    ]);
    const id = async (arxivId: string) => (await store.papers.findByArxivId(arxivId))!.id;
    await store.organizations.attribute({ paperId: await id('2501.00301'), orgId, userId: alice, now: daysAgo(2) });
    await store.organizations.attribute({ paperId: await id('2301.00302'), orgId, userId: alice, now: daysAgo(1) });
    await store.organizations.attribute({ paperId: await id('2401.00303'), orgId, userId: alice, now: daysAgo(60) });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('shows a follow button on the organization page; signed-out readers are asked to sign in', async () => {
    const anonymous = await app.inject('/orgs/vision-lab');
    expect(anonymous.body).toContain('href="/login?next=%2Forgs%2Fvision-lab">Sign in to follow</a>');
    const page = await reader.get('/orgs/vision-lab');
    expect(page.body).toContain('name="kind" value="organization"');
    expect(page.body).toContain(`name="key" value="${orgId}"`);
    expect(page.body).toContain('title="Follow Vision Lab: new papers appear on /following"');
  });

  it('follows by the button: the page says so, /following lists its papers from organization Vision Lab', async () => {
    // Without the CSRF token nothing happens.
    const forged = await reader.post('/follows', {
      _csrf: '',
      kind: 'organization',
      key: String(orgId),
      state: 'on',
      back: '/orgs/vision-lab',
    });
    expect(forged.statusCode).toBe(403);
    expect(await store.follows.listByUser(readerId)).toEqual([]);

    const done = await reader.post('/follows', {
      kind: 'organization',
      key: String(orgId),
      state: 'on',
      back: '/orgs/vision-lab',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/orgs/vision-lab');
    expect((await reader.get('/orgs/vision-lab')).body).toContain('✓ Following');

    const following = await reader.get('/following');
    expect(cardIds(following.body)).toEqual(['2301.00302', '2501.00301']);
    expect(following.body).toContain('Here because: <a href="/orgs/vision-lab">from organization Vision Lab</a>');
    expect((await reader.get('/following/manage')).body).toContain('Vision Lab');

    // The private feed lists the same, saying why.
    await reader.post('/following/feed', { action: 'rotate' });
    const manage = await reader.get('/following/manage');
    const url = /value="(https:\/\/papers\.example\.org\/feeds\/following\/[^"]+\.rss)"/.exec(manage.body)?.[1];
    const feed = await app.inject(url!.slice(ORIGIN.length));
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('Seeing in the dark');
    expect(feed.body).toContain('Here because: from organization Vision Lab');
    expect(feed.body).not.toContain('Unattributed');

    // The digest section of a period covering the attributions.
    const candidates = followingDigestCandidates({
      store,
      period: { from: daysAgo(3).slice(0, 10), to: daysAgo(0).slice(0, 10) },
    });
    const ids = (await candidates([readerId])).get(readerId) ?? [];
    const papers = await store.papers.findByIds(ids);
    expect(papers.map((p) => p.arxivId).sort()).toEqual(['2301.00302', '2501.00301']);

    await reader.post('/follows', { kind: 'organization', key: String(orgId), state: 'off', back: '/orgs/vision-lab' });
    expect(cardIds((await reader.get('/following')).body)).toEqual([]);
  });

  it('follows by the API by id or slug, stores the id, and refuses an organization that does not exist', async () => {
    const bySlug = await reader.api('POST', '/api/v1/follows', { kind: 'organization', key: 'Vision-Lab' });
    expect(bySlug.statusCode).toBe(201);
    expect(bySlug.json()).toEqual({ kind: 'organization', key: String(orgId), following: true });
    const byId = await reader.api('POST', '/api/v1/follows', { kind: 'organization', key: String(orgId) });
    expect(byId.statusCode).toBe(200);
    const list = await reader.api('GET', '/api/v1/follows');
    expect(list.json().follows).toEqual([
      expect.objectContaining({
        kind: 'organization',
        key: String(orgId),
        label: 'Vision Lab',
        href: '/orgs/vision-lab',
      }),
    ]);
    const papers = await reader.api('GET', '/api/v1/follows/papers');
    expect(papers.json().papers.map((p: { paper: { id: string } }) => p.paper.id)).toEqual([
      '2301.00302',
      '2501.00301',
    ]);
    for (const key of ['no-such-lab', '999999']) {
      const missing = await reader.api('POST', '/api/v1/follows', { kind: 'organization', key });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('follows.not_found');
    }
    await reader.api('DELETE', `/api/v1/follows?kind=organization&key=${orgId}`);
    expect((await reader.api('GET', '/api/v1/follows')).json().follows).toEqual([]);
  });
});
