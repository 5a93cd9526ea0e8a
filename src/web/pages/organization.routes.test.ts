import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckedResponse, createOpenApiValidator } from '../../../test/api/openapi-validator.js';
import { buildTestApp } from '../../../test/support/app.js';
import { outsideData } from '../../../test/support/fixtures.js';
import { makePaper } from '../../../test/support/papers.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { feedparse } from '../feeds/feeds.test-utils.js';
import { makeUser, TestClient } from './community.test-utils.js';

const ORIGIN = 'https://papers.example.org';
const HF_DAILY = outsideData('hf-daily-papers');
const json = { accept: 'application/json' };

// Organizations over a real server and store: who may create, edit, attribute and remove, what readers see on
// cards, the organization page, its feed, the daily page's ?org= filter, and the HF-shaped `organization`.
describe('organizations over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  const users: Record<string, TestClient> = {};
  const ids: Record<string, number> = {};
  const today = todayUtc();
  const cardIds = (body: string) =>
    [...body.matchAll(/class="card-title"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);

  async function list(arxivId: string, submitter: string | null, publishedAt: string) {
    await store.papers.upsertMany([
      makePaper({
        arxivId,
        publishedAt,
        authors: [{ name: 'Ada One' }, { name: 'Bo Two' }, { name: 'Cy Three' }, { name: 'Di Four' }],
      }),
    ]);
    const paper = (await store.papers.findByArxivId(arxivId))!;
    await store.listings.add({
      paperId: paper.id,
      listedOn: today,
      submittedBy: submitter ? ids[submitter]! : null,
      // Later than any submission made today by the tests, so 'newest first' puts these four first.
      createdAt: `${today}T23:59:59.000Z`,
    });
    return paper.id;
  }

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN,
        DAILYPAPERS_PAGES_PAGE_SIZE: '2',
        DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0',
      },
    }));
    for (const [name, role] of [
      ['alice', 'user'],
      ['bob', 'user'],
      ['carol', 'user'],
      ['erin', 'user'],
      ['mod', 'moderator'],
    ] as const) {
      ids[name] = await makeUser(store, { username: name, role });
      users[name] = new TestClient(app);
      await users[name].signIn(name);
    }
    await list('2405.00001', 'bob', '2024-05-01T00:00:00Z');
    await list('2405.00002', 'carol', '2024-05-02T00:00:00Z');
    const claimed = await list('2405.00003', null, '2024-05-03T00:00:00Z');
    await list('2405.00004', 'bob', '2024-05-04T00:00:00Z');
    const claim = await store.claims.create({ paperId: claimed, userId: ids.erin!, authorName: 'Ada One', now: today });
    await store.moderation.decideClaim({
      claimId: claim,
      status: 'approved',
      actorId: ids.mod!,
      reason: null,
      now: today,
    });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('a signed-in user creates an organization and becomes its admin; a taken or malformed address is refused', async () => {
    expect((await new TestClient(app).post('/orgs', { slug: 'x1', name: 'X' })).headers.location).toMatch(/^\/login/);
    const created = await users.alice!.post('/orgs', {
      slug: 'Vision-Lab',
      name: 'Vision Lab',
      description: 'We see.',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/orgs/vision-lab');
    const page = await users.alice!.follow(created);
    expect(page.body).toContain('<h1>Vision Lab</h1>');
    expect(page.body).toContain('We see.');
    expect(page.body).toMatch(/href="\/u\/alice">alice<\/a> <span class="muted">admin<\/span>/);
    expect(page.body).toContain('src="/orgs/vision-lab/avatar.svg"');
    expect(page.body).toContain('Add a member');

    const taken = await users.bob!.post('/orgs', { slug: 'vision-lab', name: 'Impostor' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('That address is taken');
    expect(taken.body).toContain('value="Impostor"');
    const bad = await users.bob!.post('/orgs', { slug: 'no spaces!', name: 'Bad' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('lower-case letters, digits and single hyphens');
    expect(await store.organizations.findBySlug('no-spaces')).toBeNull();
  });

  it('the avatar is the same SVG every time, made from the name, with the name escaped', async () => {
    await users.carol!.post('/orgs', { slug: 'evil', name: '<script>x</script> Lab' });
    const a = await app.inject('/orgs/evil/avatar.svg');
    const b = await app.inject('/orgs/evil/avatar.svg');
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toContain('image/svg+xml');
    expect(a.body).toBe(b.body);
    expect(a.body).not.toContain('<script>');
    expect(a.body).toContain('&lt;script&gt;');
    // The first letters of the first two words: "script" and "x".
    expect(a.body).toMatch(/>SX<\/text>/);
    expect((await app.inject('/orgs/vision-lab/avatar.svg')).body).toMatch(/>VL<\/text>/);
    expect((await app.inject('/orgs/nobody/avatar.svg')).statusCode).toBe(404);
  });

  it('only admins add and remove members and edit the description; the last admin stays', async () => {
    const add = (client: TestClient, username: string, role = 'member') =>
      client.post('/orgs/vision-lab/members', { username, role }, json);
    expect((await add(users.bob!, 'bob')).statusCode).toBe(403);
    expect((await add(users.alice!, 'bob')).statusCode).toBe(303);
    expect((await add(users.alice!, 'erin')).statusCode).toBe(303);
    expect((await add(users.alice!, 'nobody-here')).statusCode).toBe(404);
    expect((await add(users.bob!, 'carol')).statusCode).toBe(403);
    const lastAdmin = await users.alice!.post('/orgs/vision-lab/members/remove', { username: 'alice' }, json);
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json().error.code).toBe('organizations.last_admin');
    const describe = (client: TestClient) =>
      client.post('/orgs/vision-lab/description', { description: 'Computer vision, since 2024.' }, json);
    expect((await describe(users.bob!)).statusCode).toBe(403);
    expect((await describe(users.alice!)).statusCode).toBe(303);
    const page = await app.inject('/orgs/vision-lab');
    expect(page.body).toContain('Computer vision, since 2024.');
    expect(page.body).toMatch(/href="\/u\/bob">bob<\/a> <span class="muted">member<\/span>/);
    expect(page.body).not.toContain('Add a member');
  });

  it('every organization form needs the CSRF token', async () => {
    for (const [url, form] of [
      ['/orgs', { slug: 'csrf-lab', name: 'CSRF Lab' }],
      ['/orgs/vision-lab/members', { username: 'carol' }],
      ['/orgs/vision-lab/description', { description: 'forged' }],
      ['/papers/2405.00001/organization', { organization: 'vision-lab' }],
    ] as const) {
      const res = await users.alice!.post(url, { ...form, _csrf: '' }, json);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('csrf.invalid');
    }
    expect(await store.organizations.findBySlug('csrf-lab')).toBeNull();
  });

  it('a member who submitted the paper or is its verified author attributes it; nobody else can', async () => {
    const attribute = (client: TestClient, arxivId: string) =>
      client.post(`/papers/${arxivId}/organization`, { organization: 'vision-lab' }, json);
    // carol submitted 2405.00002 but is not a member; alice is the admin but neither submitted nor wrote it.
    expect((await attribute(users.carol!, '2405.00002')).json().error.code).toBe('organizations.attribution_forbidden');
    expect((await attribute(users.alice!, '2405.00002')).statusCode).toBe(403);
    // erin is a member but did not submit 2405.00001.
    expect((await attribute(users.erin!, '2405.00001')).statusCode).toBe(403);
    expect((await attribute(users.bob!, '2405.00001')).statusCode).toBe(303);
    expect((await attribute(users.bob!, '2405.00004')).statusCode).toBe(303);
    expect((await attribute(users.erin!, '2405.00003')).statusCode).toBe(303);
    expect((await users.bob!.post('/papers/2405.00001/organization', { organization: 'nope' }, json)).statusCode).toBe(
      404,
    );
    const paper = await users.bob!.get('/papers/2405.00001');
    expect(paper.body).toMatch(/From <a class="org-badge" href="\/orgs\/vision-lab">.*Vision Lab<\/a>/);
  });

  it('a member submitting a paper attributes it from the submit form; a non-member is told it was not', async () => {
    await store.papers.upsertMany([makePaper({ arxivId: '2406.00001' }), makePaper({ arxivId: '2406.00002' })]);
    expect((await users.bob!.get('/submit')).body).toContain('<option value="vision-lab">Vision Lab</option>');
    expect((await users.carol!.get('/submit')).body).not.toContain('value="vision-lab"');
    const bob = await users.bob!.post('/submit', { arxivId: '2406.00001', organization: 'vision-lab' });
    expect(bob.statusCode).toBe(303);
    expect((await users.bob!.follow(bob)).body).toContain('is on today&#39;s list, attributed to Vision Lab.');
    const carol = await users.carol!.post('/submit', { arxivId: '2406.00002', organization: 'vision-lab' });
    const carolPage = (await users.carol!.follow(carol)).body;
    expect(carolPage).toContain('but not attributed: Only a member of the organization');
    const badges = await store.organizations.badgesFor([
      (await store.papers.findByArxivId('2406.00001'))!.id,
      (await store.papers.findByArxivId('2406.00002'))!.id,
    ]);
    expect([...badges.values()]).toEqual([{ slug: 'vision-lab', name: 'Vision Lab' }]);
    // Both papers are listed: the attribution never undoes the submission.
    expect(await store.listings.findByPaperId((await store.papers.findByArxivId('2406.00002'))!.id)).not.toBeNull();
    await store.organizations.removeAttribution({
      paperId: (await store.papers.findByArxivId('2406.00001'))!.id,
      audit: { actorId: null, action: 'test.cleanup', reason: null },
      now: today,
    });
  });

  it('the organization page lists its papers newest first, two to a page, with a feed', async () => {
    const first = await app.inject('/orgs/vision-lab');
    expect(cardIds(first.body)).toEqual(['2405.00004', '2405.00003']);
    expect(first.body).toContain('3 papers, newest first');
    expect(cardIds((await app.inject('/orgs/vision-lab?page=2')).body)).toEqual(['2405.00001']);
    const feed = await app.inject('/feeds/orgs/vision-lab.rss');
    expect(feed.statusCode).toBe(200);
    const parsed = feedparse(feed.body);
    expect(parsed.bozo).toBe(0);
    expect(parsed.title).toContain('Papers of Vision Lab');
    expect(parsed.entries.map((e) => e.link)).toEqual([
      `${ORIGIN}/papers/2405.00004`,
      `${ORIGIN}/papers/2405.00003`,
      `${ORIGIN}/papers/2405.00001`,
    ]);
    expect((await app.inject('/orgs/no-such-org')).statusCode).toBe(404);
  });

  it('cards show the organization instead of the author count; the daily page filters by it, visibly', async () => {
    // Two to a page, newest listing first: 2405.00004 and …03, then …02 and …01.
    const daily = await app.inject(`/?date=${today}&sort=newest&page=2`);
    const card = (id: string) => daily.body.split(`id="paper-${id}"`)[1]!.split('</article>')[0]!;
    expect(card('2405.00001')).toContain('href="/orgs/vision-lab"');
    expect(card('2405.00001')).not.toContain('(4 authors)');
    expect(card('2405.00002')).toContain('et al. (4 authors)');

    const filtered = await app.inject(`/?date=${today}&org=vision-lab&sort=newest`);
    expect(cardIds(filtered.body)).toEqual(['2405.00004', '2405.00003']);
    expect(cardIds((await app.inject(`/?date=${today}&org=vision-lab&sort=newest&page=2`)).body)).toEqual([
      '2405.00001',
    ]);
    expect(filtered.body).toContain('Only papers of');
    expect(filtered.body).toContain(`href="/papers?date=${today}&amp;sort=newest"`);
    expect(filtered.body).toContain(`/papers?date=${today}&amp;org=vision-lab`);
    expect((await app.inject('/?org=no-such-org')).statusCode).toBe(404);
  });

  it('the HF-shaped daily items carry the organization with the recorded keys, as documented', async () => {
    const res = await app.inject(`/api/daily_papers?date=${today}`);
    const items = res.json() as Array<
      { paper: { id: string; organization?: Record<string, string> } } & Record<string, unknown>
    >;
    const attributed = items.find((i) => i.paper.id === '2405.00001')!;
    type Recorded = { organization?: object; paper: { organization?: object } };
    const recorded = (
      JSON.parse(readFileSync(path.join(HF_DAILY.path, 'daily_papers.sotawhat.2026-06.json'), 'utf8')) as Recorded[]
    ).find((i) => i.organization)!;
    expect(Object.keys(attributed.paper.organization!).sort()).toEqual(
      Object.keys(recorded.paper.organization!).sort(),
    );
    expect(Object.keys(attributed.organization as object).sort()).toEqual(Object.keys(recorded.organization!).sort());
    expect(attributed.paper.organization).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'vision-lab',
      fullname: 'Vision Lab',
      avatar: `${ORIGIN}/orgs/vision-lab/avatar.svg`,
    });
    expect(items.find((i) => i.paper.id === '2405.00002')!.paper.organization).toBeUndefined();
    const detail = await app.inject('/api/papers/2405.00003');
    expect(detail.json().organization.name).toBe('vision-lab');

    const problemsOf = createOpenApiValidator((await app.inject('/api/openapi.json')).json());
    for (const [url, r] of [
      [`/api/daily_papers?date=${today}`, res],
      ['/api/papers/2405.00003', detail],
    ] as const) {
      const checked: CheckedResponse = {
        method: 'GET',
        url,
        statusCode: r.statusCode,
        headers: r.headers,
        body: r.body,
      };
      expect(problemsOf(checked), url).toEqual([]);
    }
  });

  it('a moderator removes an attribution, logged with its reason; the anonymous cached page follows', async () => {
    const before = await app.inject(`/?date=${today}&sort=newest`);
    expect(before.body.split('id="paper-2405.00004"')[1]!.split('</article>')[0]).toContain('/orgs/vision-lab');
    expect((await users.bob!.post('/papers/2405.00004/unattribute', { reason: 'x' }, json)).statusCode).toBe(403);
    const removed = await users.mod!.post('/papers/2405.00004/unattribute', { reason: 'not theirs' }, json);
    expect(removed.statusCode).toBe(303);
    const after = await app.inject(`/?date=${today}&sort=newest`);
    expect(after.body.split('id="paper-2405.00004"')[1]!.split('</article>')[0]).not.toContain('/orgs/vision-lab');
    const [entry] = await store.audit.list({ limit: 1, offset: 0 });
    expect(entry).toMatchObject({ actor: 'mod', action: 'paper.unattribute', targetType: 'paper' });
    expect(entry!.reason).toBe('vision-lab on 2405.00004: not theirs');
    expect((await users.mod!.post('/papers/2405.00004/unattribute', {}, json)).statusCode).toBe(404);
  });
});
