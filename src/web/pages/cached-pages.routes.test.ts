// The category, organization and version-diff pages are in the page cache (web/plugins/page-cache.ts CACHED_ROUTES):
// an anonymous reader gets the stored bytes until the page version moves. So every kind of write that changes what
// these pages show must move it — each test here makes one and checks that the anonymous page shows it.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { makePaper } from '../../../test/support/papers.js';
import type { Paper } from '../../core/paper.js';
import { openStore, type Store } from '../../store/store.js';
import { CACHED_ROUTES } from '../plugins/page-cache.js';

const recent = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('cached category, organization and diff pages follow every write', () => {
  let store: Store;
  let app: FastifyInstance;
  let syncSearch: () => Promise<void>;
  let admin: number;
  let orgId: number;
  let paperId: number;
  const v1 = makePaper({ arxivId: '2501.00401', title: 'First words', categories: ['cs.LG'], publishedAt: recent(2) });
  const anonymous = (url: string) => app.inject({ method: 'GET', url });
  const card = (body: string, arxivId: string) => body.split(`id="paper-${arxivId}"`)[1]?.split('</article>')[0] ?? '';

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app, syncSearch } = await buildTestApp({ store }));
    admin = await store.users.create({ username: 'admin', email: 'admin@example.org' });
    await store.papers.upsertMany([v1]);
    paperId = (await store.papers.findByArxivId(v1.arxivId))!.id;
    await store.listings.add({ paperId, listedOn: recent(1).slice(0, 10), submittedBy: null });
    orgId = await store.organizations.create({
      slug: 'lab',
      name: 'Lab',
      description: 'Old words.',
      userId: admin,
      now: recent(5),
    });
    await syncSearch();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('the organization page: description, members, attributions, votes, comments and paper edits', async () => {
    const first = await anonymous('/orgs/lab');
    expect(first.body).toContain('Old words.');
    expect((await anonymous('/orgs/lab')).headers.etag).toBe(first.headers.etag); // served from the cache

    await store.organizations.setDescription(orgId, 'New words.', recent(0));
    expect((await anonymous('/orgs/lab')).body).toContain('New words.');

    const member = await store.users.create({ username: 'newmember', email: 'n@example.org' });
    await store.organizations.putMember({ orgId, userId: member, role: 'member', now: recent(0) });
    expect((await anonymous('/orgs/lab')).body).toContain('href="/u/newmember"');

    await store.organizations.attribute({ paperId, orgId, userId: admin, now: recent(0) });
    expect(card((await anonymous('/orgs/lab')).body, v1.arxivId)).toContain('First words');

    await store.votes.setVote({ userId: member, paperId, up: true });
    expect(card((await anonymous('/orgs/lab')).body, v1.arxivId)).toContain('data-upvote-count>1<');

    await store.comments.create({ paperId, userId: member, parentId: null, body: 'Nice.', createdAt: recent(0) });
    expect(card((await anonymous('/orgs/lab')).body, v1.arxivId)).toContain('1 comment');

    await store.papers.upsertMany([{ ...v1, title: 'First words, corrected' }]);
    expect(card((await anonymous('/orgs/lab')).body, v1.arxivId)).toContain('First words, corrected');
  });

  it('the category page: a new paper (once the index has it), votes and comments', async () => {
    const first = await anonymous('/categories/cs.LG');
    expect(first.statusCode).toBe(200);
    expect((await anonymous('/categories/cs.LG')).headers.etag).toBe(first.headers.etag);

    await store.papers.upsertMany([
      makePaper({ arxivId: '2501.00402', title: 'Second thoughts', categories: ['cs.LG'], publishedAt: recent(1) }),
    ]);
    await syncSearch();
    expect((await anonymous('/categories/cs.LG')).body).toContain('Second thoughts');

    const voter = await store.users.create({ username: 'voter', email: 'v@example.org' });
    await store.votes.setVote({ userId: voter, paperId, up: true });
    expect(card((await anonymous('/categories/cs.LG')).body, v1.arxivId)).toMatch(/data-upvote-count>[2-9]</);

    await store.comments.create({ paperId, userId: voter, parentId: null, body: 'Agreed.', createdAt: recent(0) });
    expect(card((await anonymous('/categories/cs.LG')).body, v1.arxivId)).toContain('2 comments');
  });

  it('the diff page: a new version', async () => {
    const url = `/papers/${v1.arxivId}/diff`;
    const first = await anonymous(url);
    expect(first.statusCode).toBe(200);
    expect((await anonymous(url)).headers.etag).toBe(first.headers.etag);
    const current = (await store.papers.findByArxivId(v1.arxivId))!;
    const v2: Paper = {
      ...current,
      version: 2,
      title: 'Last words',
      updatedAt: recent(0),
      versions: [...current.versions, { version: 2, date: recent(0) }],
    };
    await store.papers.upsertMany([v2]);
    const after = await anonymous(url);
    expect(after.body).toContain('Last');
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('caches these routes: a change made behind the store’s back (no page version) stays unseen', async () => {
    for (const route of ['/categories/:id', '/orgs/:slug', '/papers/:id/diff', '/papers/:archive/:num/diff'])
      expect(CACHED_ROUTES.has(route), route).toBe(true);
    // (The tests above attributed the paper to the organization.)
    const urls = ['/categories/cs.LG', '/orgs/lab', `/papers/${v1.arxivId}/diff`];
    for (const url of urls) expect((await anonymous(url)).body, url).toContain('words');
    const rename = (title: string) =>
      sql`UPDATE papers SET title = ${title} WHERE id = ${paperId}`.execute(store.connection.db);
    await rename('Renamed behind the back');
    for (const url of urls) expect((await anonymous(url)).body, url).not.toContain('Renamed behind the back');
    // A signed-in reader's page is never cached (any cookie bypasses the cache).
    const fresh = await app.inject({ method: 'GET', url: '/orgs/lab', cookies: { x: '1' } });
    expect(fresh.body).toContain('Renamed behind the back');
  });
});
