// The page cache is right or it is nothing: a cached page equals the page rendered for the request, every kind of
// write (vote, comment, listing, moderation) — also by another connection, as another app process would make it on
// PostgreSQL — invalidates it, a 304 comes only for an unchanged page, and one reader's page never reaches another.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { createTestDatabase } from '../../../test/support/postgres.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from '../pages/community.test-utils.js';
import { buildServer } from '../server.js';

const TEX_ABSTRACT = 'We bound $\\sum_{i=1}^n x_i^2 \\le \\alpha$ for all $k$-means problems, and costs $5 and $10.';
/** Runs a vote in a separate Node process with its own connection, as another app process would. */
function voteInAnotherProcess(env: { url: string; userId: number; paperId: number }): Promise<void> {
  const storeModule = fileURLToPath(new URL('../../store/store.ts', import.meta.url));
  const script = `const { openStore } = await import(${JSON.stringify(storeModule)});
const store = await openStore({ databaseUrl: process.env.URL, migrate: false });
await store.votes.setVote({ userId: Number(process.env.USER_ID), paperId: Number(process.env.PAPER_ID), up: true });
await store.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, URL: env.url, USER_ID: String(env.userId), PAPER_ID: String(env.paperId) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the voting process exited ${code}`))));
  });
}

const dialects = [
  { dialect: 'sqlite', url: async () => '' },
  { dialect: 'postgres', url: () => createTestDatabase(inject('postgresUrl'), 'page_cache') },
] as const;

describe.each(dialects)('the page cache on $dialect', ({ dialect, url }) => {
  let databaseUrl = '';
  let store: Store;
  /** Another connection to the same database: on PostgreSQL, what another app process's writes look like. */
  let other: Store;
  let cached: FastifyInstance;
  let uncached: FastifyInstance;
  let ids: number[];
  let arxivIds: string[];
  const today = todayUtc();

  beforeAll(async () => {
    databaseUrl = await url();
    store = databaseUrl ? await openStore({ databaseUrl }) : await openStore({ sqliteFile: ':memory:' });
    other = databaseUrl ? await openStore({ databaseUrl }) : store;
    ids = await seedListed(store, [
      { paper: { title: 'Sparse $\\ell_1$ attention', abstract: TEX_ABSTRACT }, day: today, upvotes: 2 },
      { paper: { title: 'Dense models' }, day: today, upvotes: 1 },
      { paper: { title: 'Yesterday paper' }, day: '2024-03-01' },
    ]);
    arxivIds = (await store.papers.findByIds(ids)).sort((a, b) => a.id - b.id).map((p) => p.arxivId);
    const built = await buildTestApp({ store });
    cached = built.app;
    uncached = await buildServer({ services: built.services, pageCache: false });
  }, 120_000);
  afterAll(async () => {
    await uncached?.close();
    await cached?.close();
    if (other !== store) await other?.close();
    await store?.close();
  });

  const urls = () => [
    '/',
    `/papers?date=${today}`,
    '/papers?date=2024-03-01&sort=newest',
    `/papers/${arxivIds[0]}`,
    '/trending',
    '/authors/ada-lovelace',
    `/api/v1/daily?date=${today}`,
    `/api/v1/papers/${arxivIds[0]}`,
  ];

  async function expectSameAsUncached() {
    for (const u of urls()) {
      const a = await cached.inject(u);
      const b = await uncached.inject(u);
      expect(a.statusCode, u).toBe(200);
      expect(a.body, u).toBe(b.body);
      expect(a.headers['content-type'], u).toBe(b.headers['content-type']);
      expect(a.headers['set-cookie'], u).toBeUndefined();
    }
  }

  it('serves anonymous pages from the cache, byte for byte the page rendered for the request', async () => {
    await expectSameAsUncached();
    await expectSameAsUncached(); // the second round comes from the cache
    // Proof that it does: a change made behind the store's back (no change number) stays unseen by the cache.
    await sql`UPDATE papers SET title = 'Renamed behind the back' WHERE id = ${ids[1]}`.execute(store.connection.db);
    expect((await cached.inject('/')).body).not.toContain('Renamed behind the back');
    expect((await uncached.inject('/')).body).toContain('Renamed behind the back');
    await sql`UPDATE papers SET title = 'Dense models' WHERE id = ${ids[1]}`.execute(store.connection.db);
  });

  it('renders math once and the same: the cached page carries KaTeX output and leaves money as text', async () => {
    const page = (await cached.inject('/')).body;
    expect(page).toContain('class="katex"');
    expect(page).toContain('costs $5 and $10');
  });

  it('a vote, a comment, a listing and a moderation action each invalidate the cached pages, also made by another connection', async () => {
    const voter = await makeUser(other, { username: 'cachevoter' });
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['vote', () => other.votes.setVote({ userId: voter, paperId: ids[1]!, up: true })],
      [
        'comment',
        () =>
          other.comments.create({
            paperId: ids[0]!,
            userId: voter,
            parentId: null,
            body: 'A cached comment',
            createdAt: new Date().toISOString(),
          }),
      ],
      [
        'listing',
        async () => {
          const [extra] = await seedListed(other, [{ paper: { title: 'Listed just now' }, day: today }]);
          ids.push(extra!);
        },
      ],
      [
        'moderation',
        async () => {
          const listing = (await other.listings.findByPaperId(ids[1]!))!;
          await other.moderation.setListingHidden({
            listingId: listing.id,
            hidden: true,
            actorId: null,
            reason: 'test',
            now: new Date().toISOString(),
          });
        },
      ],
    ];
    for (const [kind, write] of writes) {
      const before = await Promise.all(urls().map(async (u) => (await cached.inject(u)).body));
      await write();
      const after = await Promise.all(urls().map(async (u) => (await cached.inject(u)).body));
      expect(
        after.some((body, i) => body !== before[i]),
        kind,
      ).toBe(true);
      await expectSameAsUncached();
    }
    expect((await cached.inject(`/papers/${arxivIds[0]}`)).body).toContain('A cached comment');
    expect((await cached.inject('/')).body).toContain('Listed just now');
    expect((await cached.inject('/')).body).not.toContain('Dense models');
  });

  // Only PostgreSQL serves several app processes (SQLite here is one in-memory database), so only it has this test.
  if (dialect === 'postgres')
    it("a vote written by another process invalidates this process's cached pages", { timeout: 120_000 }, async () => {
      const voter = await makeUser(store, { username: 'processvoter' });
      const before = (await cached.inject('/')).body;
      expect((await cached.inject('/')).body).toBe(before);
      await voteInAnotherProcess({ url: databaseUrl, userId: voter, paperId: ids[0]! });
      const after = (await cached.inject('/')).body;
      expect(after).not.toBe(before);
      expect(after).toBe((await uncached.inject('/')).body);
    });

  it('many readers arriving together after a write all get the new page, rendered once for them', async () => {
    const voter = await makeUser(other, { username: 'herdvoter' });
    await other.votes.setVote({ userId: voter, paperId: ids[0]!, up: true });
    const expected = (await uncached.inject('/')).body;
    const answers = await Promise.all(Array.from({ length: 30 }, () => cached.inject('/')));
    for (const a of answers) expect(a.body).toBe(expected);
  });

  it('compresses a cached page once per encoding, with the same content as the identity answer', async () => {
    const plain = (await cached.inject('/')).body;
    for (const [encoding, unzip] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const res = await cached.inject({ url: '/', headers: { 'accept-encoding': `${encoding}, deflate` } });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      expect(unzip(res.rawPayload).toString('utf8')).toBe(plain);
    }
  });

  it('answers 304 to a matching If-None-Match only while the page is unchanged, on pages and the JSON API', async () => {
    for (const u of ['/', `/api/v1/papers/${arxivIds[0]}`]) {
      const first = await cached.inject(u);
      const etag = String(first.headers.etag);
      expect(etag, u).toMatch(/^W\/"/);
      const again = await cached.inject({ url: u, headers: { 'if-none-match': etag } });
      expect(again.statusCode, u).toBe(304);
      expect(again.body, u).toBe('');
      expect(again.headers.etag, u).toBe(etag);
      expect((await uncached.inject({ url: u, headers: { 'if-none-match': etag } })).statusCode, u).toBe(304);
      expect((await cached.inject({ url: u, headers: { 'if-none-match': 'W/"other"' } })).statusCode, u).toBe(200);
      const voter = await makeUser(other, { username: `etagvoter${u.length}` });
      await other.votes.setVote({ userId: voter, paperId: ids[0]!, up: true });
      const changed = await cached.inject({ url: u, headers: { 'if-none-match': etag } });
      expect(changed.statusCode, u).toBe(200);
      expect(changed.headers.etag, u).not.toBe(etag);
    }
  });

  it('never gives one reader the page of another: votes, names and CSRF tokens stay with their reader', async () => {
    await makeUser(store, { username: 'alice' });
    await makeUser(store, { username: 'bob' });
    const alice = new TestClient(cached);
    const bob = new TestClient(cached);
    await alice.signIn('alice');
    await bob.signIn('bob');
    const vote = await alice.post(`/papers/${arxivIds[0]}/upvote`, { state: 'on' });
    expect(vote.statusCode).toBeLessThan(400);
    const anonymousFirst = await cached.inject('/');
    const alicePage = (await alice.get('/')).body;
    const bobPage = (await bob.get('/')).body;
    const anonymousAfter = await cached.inject('/');
    const pressed = (page: string) => /aria-pressed="true"/.test(page);
    expect(alicePage).toContain('alice');
    expect(alicePage).not.toContain('bob');
    expect(pressed(alicePage)).toBe(true);
    expect(bobPage).toContain('bob');
    expect(bobPage).not.toContain('alice');
    expect(pressed(bobPage)).toBe(false);
    const token = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(token(alicePage)).toBeDefined();
    expect(token(bobPage)).toBeDefined();
    expect(token(alicePage)).not.toBe(token(bobPage));
    for (const anon of [anonymousFirst, anonymousAfter]) {
      expect(anon.body).not.toContain('alice');
      expect(anon.body).not.toContain('bob');
      expect(token(anon.body)).toBeUndefined();
      expect(pressed(anon.body)).toBe(false);
    }
    // Signed-in pages are private and vary with the cookie; their ETag is that of the reader's own bytes (each
    // render carries a fresh CSRF token, so they are not expected to match again), never one reader's for another.
    const res = await alice.get('/');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(String(res.headers.vary)).toContain('Cookie');
    expect(res.headers.etag).toMatch(/^W\//);
    const asBob = await bob.get('/', { 'if-none-match': String(res.headers.etag) });
    expect(asBob.statusCode).toBe(200);
    expect(asBob.body).toContain('bob');
  });
});
