import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { DEFAULT_PREFERENCES } from '../../../test/support/digest.js';
import { makePaper } from '../../../test/support/papers.js';
import { openStore, type Store } from '../../store/store.js';
import { makeToken, withToken } from '../api/tokens.test-utils.js';
import { makeUser, TestClient } from './community.test-utils.js';

const ORIGIN = 'https://papers.example.org';
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

// Following over a real store, search index and server, as a browser without JavaScript and as a program.
describe('following', () => {
  let store: Store;
  let app: FastifyInstance;
  let collectionId: number;
  let privateId: number;
  let ownId: number;
  let savedSearchId: number;
  const cardIds = (body: string) =>
    [...body.matchAll(/class="card-title"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);
  const reasons = (body: string) =>
    [...body.matchAll(/<p class="follow-reasons muted">Here because: (.*?)<\/p>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2501.00001',
        title: 'Analytical engines revisited',
        authors: [{ name: 'Ada Lovelace' }],
        categories: ['math.HO'],
        primaryCategory: 'math.HO',
        publishedAt: daysAgo(3),
      }),
      makePaper({
        arxivId: '2501.00002',
        title: 'Compilers for everyone',
        authors: [{ name: 'Grace Hopper' }],
        categories: ['cs.PL'],
        primaryCategory: 'cs.PL',
        publishedAt: daysAgo(2),
      }),
      makePaper({
        arxivId: '2501.00003',
        title: 'Quantum sorting with zebras',
        authors: [{ name: 'Someone Else' }],
        categories: ['quant-ph'],
        primaryCategory: 'quant-ph',
        publishedAt: daysAgo(1),
      }),
      makePaper({
        arxivId: '2301.00004',
        title: 'An old note by Ada',
        authors: [{ name: 'Ada Lovelace' }],
        categories: ['math.HO'],
        primaryCategory: 'math.HO',
        publishedAt: daysAgo(400),
      }),
    ]);
    const reader = await makeUser(store, { username: 'reader' });
    const curator = await makeUser(store, { username: 'curator' });
    await makeUser(store, { username: 'other' });
    const now = new Date().toISOString();
    collectionId = await store.collections.create({
      userId: curator,
      name: 'Classics',
      description: '',
      isPublic: true,
      now,
    });
    const old = (await store.papers.findByArxivId('2301.00004'))!;
    await store.collections.addPaper(collectionId, old.id, now);
    privateId = await store.collections.create({
      userId: curator,
      name: 'Secret',
      description: '',
      isPublic: false,
      now,
    });
    ownId = await store.collections.create({ userId: reader, name: 'Mine', description: '', isPublic: true, now });
    const subscription = await store.subscriptions.create({
      email: 'reader@example.org',
      userId: reader,
      status: 'confirmed',
      preferences: DEFAULT_PREFERENCES,
      now,
    });
    savedSearchId = (await store.savedSearches.add({
      subscriptionId: subscription,
      query: 'zebras',
      category: '',
      hasCode: false,
      now,
    }))!;
    ({ app } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: ORIGIN, DAILYPAPERS_PAGES_PAGE_SIZE: '2' },
    }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  async function signedIn(username = 'reader') {
    const client = new TestClient(app);
    await client.signIn(username);
    return client;
  }

  it('offers signed-out readers a sign-in link instead of a button, and sends them to sign in for /following', async () => {
    const page = await app.inject('/authors/ada-lovelace');
    expect(page.body).toContain(
      '<a class="button button-small" href="/login?next=%2Fauthors%2Fada-lovelace">Sign in to follow</a>',
    );
    expect(page.body).not.toContain('action="/follows"');
    const following = await app.inject('/following');
    expect(following.statusCode).toBe(303);
    expect(following.headers.location).toBe('/login?next=%2Ffollowing');
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/follows', payload: { kind: 'author', key: 'x' } })).statusCode,
    ).toBe(401);
  });

  it('explains how to follow when nothing is followed yet', async () => {
    const client = await signedIn('other');
    const page = await client.get('/following');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You do not follow anything yet');
    expect(page.body).toContain('href="/categories/cs.LG"');
    expect(page.body).toContain('<a href="/following"');
  });

  it('follows and unfollows an author with the page’s form, and /following says why each paper is there', async () => {
    const client = await signedIn();
    const before = await client.get('/authors/ada-lovelace');
    expect(before.body).toMatch(/<input type="hidden" name="state" value="on">/);
    const res = await client.post('/follows', {
      kind: 'author',
      key: 'ada-lovelace',
      state: 'on',
      back: '/authors/ada-lovelace',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/authors/ada-lovelace');
    const after = await client.follow(res);
    expect(after.body).toContain('✓ Following');
    expect(after.body).toMatch(/<input type="hidden" name="state" value="off">/);
    const following = await client.get('/following');
    // The old paper is outside the 30-day window: /following lists what is new.
    expect(cardIds(following.body)).toEqual(['2501.00001']);
    expect(reasons(following.body)).toEqual(['by Ada Lovelace, whom you follow']);
    await client.post('/follows', { kind: 'author', key: 'ada-lovelace', state: 'off', back: '/following' });
    expect(cardIds((await client.get('/following')).body)).toEqual([]);
  });

  it('refuses a follow without the CSRF token, from a form and from a JSON client, and stores nothing', async () => {
    const client = await signedIn();
    const form = await client.post('/follows', { _csrf: '', kind: 'author', key: 'grace-hopper', state: 'on' });
    expect(form.statusCode).toBe(403);
    const api = await client.api('POST', '/api/v1/follows', { kind: 'author', key: 'grace-hopper' }, { csrf: false });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe('csrf.invalid');
    const list = await client.api('GET', '/api/v1/follows');
    expect(list.json().follows).toEqual([]);
  });

  it('has a category page that redirects any casing to arXiv’s, lists the newest papers with the feed, and follows', async () => {
    const redirect = await app.inject('/categories/CS.pl');
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/categories/cs.PL');
    expect((await app.inject('/categories/not%20a%20category')).statusCode).toBe(404);
    const client = await signedIn();
    const page = await client.get('/categories/cs.PL');
    expect(page.statusCode).toBe(200);
    expect(cardIds(page.body)).toEqual(['2501.00002']);
    expect(page.body).toContain('href="/feeds/category/cs.PL.rss"');
    const res = await client.post('/follows', {
      kind: 'category',
      key: 'cs.PL',
      state: 'on',
      back: '/categories/cs.PL',
    });
    expect((await client.follow(res)).body).toContain('✓ Following');
    const following = await client.get('/following');
    expect(cardIds(following.body)).toEqual(['2501.00002']);
    expect(reasons(following.body)).toEqual(['in cs.PL']);
    await client.post('/follows', { kind: 'category', key: 'cs.pl', state: 'off' });
    expect(cardIds((await client.get('/following')).body)).toEqual([]);
  });

  it('follows another reader’s public collection, but not a private one or one’s own', async () => {
    const client = await signedIn();
    const own = await client.get(`/collections/${ownId}`);
    expect(own.body).not.toContain('action="/follows"');
    const page = await client.get(`/collections/${collectionId}`);
    expect(page.body).toContain('action="/follows"');
    const refusedPrivate = await client.api('POST', '/api/v1/follows', { kind: 'collection', key: String(privateId) });
    expect(refusedPrivate.statusCode).toBe(404);
    expect(refusedPrivate.json().error.code).toBe('follows.not_found');
    const refusedOwn = await client.post('/follows', {
      kind: 'collection',
      key: String(ownId),
      state: 'on',
      back: '/following',
    });
    expect(refusedOwn.statusCode).toBe(303);
    expect((await client.follow(refusedOwn)).body).toContain('This is your own collection');
    await client.post('/follows', { kind: 'collection', key: String(collectionId), state: 'on' });
    const following = await client.get('/following');
    // Added to the collection today, so it is news even though it was published long ago.
    expect(cardIds(following.body)).toEqual(['2301.00004']);
    expect(reasons(following.body)).toEqual(['in collection “Classics”']);
    expect((await client.api('GET', '/api/v1/follows')).json().follows.map((f: { kind: string }) => f.kind)).toEqual([
      'collection',
    ]);
    await client.api('DELETE', `/api/v1/follows?kind=collection&key=${collectionId}`);
  });

  it('follows one’s own saved search from the manage page; its new matches appear with the search named', async () => {
    const client = await signedIn();
    const manage = await client.get('/following/manage');
    expect(manage.body).toContain('“zebras”');
    const other = await signedIn('other');
    const stolen = await other.api('POST', '/api/v1/follows', { kind: 'saved_search', key: String(savedSearchId) });
    expect(stolen.statusCode).toBe(404);
    await client.post('/follows', {
      kind: 'saved_search',
      key: String(savedSearchId),
      state: 'on',
      back: '/following/manage',
    });
    const following = await client.get('/following');
    expect(cardIds(following.body)).toEqual(['2501.00003']);
    expect(reasons(following.body)).toEqual(['matches saved search “zebras”']);
    await client.post('/follows', { kind: 'saved_search', key: String(savedSearchId), state: 'off' });
  });

  it('pages through what is new, newest first, two to a page', async () => {
    const client = await signedIn();
    for (const key of ['ada-lovelace', 'grace-hopper', 'someone-else'])
      await client.post('/follows', { kind: 'author', key, state: 'on' });
    const first = await client.get('/following');
    expect(cardIds(first.body)).toEqual(['2501.00003', '2501.00002']);
    expect(first.body).toContain('<a rel="next" href="/following?page=2">Older →</a>');
    const second = await client.get('/following?page=2');
    expect(cardIds(second.body)).toEqual(['2501.00001']);
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('<a rel="prev" href="/following">← Newer</a>');
    expect((await client.get('/following?page=0')).statusCode).toBe(400);
    const api = await client.api('GET', '/api/v1/follows/papers?page=2');
    expect(api.json().papers.map((p: { paper: { id: string } }) => p.paper.id)).toEqual(['2501.00001']);
    for (const key of ['ada-lovelace', 'grace-hopper', 'someone-else'])
      await client.post('/follows', { kind: 'author', key, state: 'off' });
  });

  it('serves a private feed by a tokenised URL without a cookie; rotating and revoking kill the old URL (404)', async () => {
    const client = await signedIn();
    await client.post('/follows', { kind: 'author', key: 'grace-hopper', state: 'on' });
    expect((await client.get('/following/manage')).body).toContain('Make a private feed address');
    await client.post('/following/feed', { action: 'rotate' });
    const manage = await client.get('/following/manage');
    const url = /value="(https:\/\/papers\.example\.org\/feeds\/following\/[^"]+\.rss)"/.exec(manage.body)?.[1];
    expect(url).toBeDefined();
    const path = url!.slice(ORIGIN.length);
    const feed = await app.inject(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/rss+xml');
    expect(feed.headers['cache-control']).toBe('private, no-cache');
    expect(feed.body).toContain('Compilers for everyone');
    expect(feed.body).toContain('Here because: by Grace Hopper, whom you follow');
    expect((await app.inject(path.replace(/\.rss$/, '.atom'))).statusCode).toBe(200);
    // A forged token for the same reader, and garbage, are plain 404s.
    const [id] = path.split('/').at(-1)!.split('.');
    expect((await app.inject(`/feeds/following/${id}.0.${'A'.repeat(43)}.rss`)).statusCode).toBe(404);
    expect((await app.inject('/feeds/following/%27%3B--.rss')).statusCode).toBe(404);
    expect((await app.inject('/feeds/following/nothing')).statusCode).toBe(404);
    await client.post('/following/feed', { action: 'rotate' });
    expect((await app.inject(path)).statusCode).toBe(404);
    const rotated = /value="https:\/\/papers\.example\.org(\/feeds\/following\/[^"]+\.rss)"/.exec(
      (await client.get('/following/manage')).body,
    )![1]!;
    expect((await app.inject(rotated)).statusCode).toBe(200);
    await client.post('/following/feed', { action: 'revoke' });
    expect((await app.inject(rotated)).statusCode).toBe(404);
    await client.post('/follows', { kind: 'author', key: 'grace-hopper', state: 'off' });
  });

  it('follows and unfollows through the API with a bearer token, refuses a read token, and names bad input', async () => {
    const write = await makeToken(store, { username: 'reader', scope: 'write' });
    const read = await makeToken(store, { username: 'reader', scope: 'read' });
    const created = await withToken(app, write.token, 'POST', '/api/v1/follows', {
      kind: 'author',
      key: 'Grace Hopper',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ kind: 'author', key: 'grace-hopper', following: true });
    const again = await withToken(app, write.token, 'POST', '/api/v1/follows', { kind: 'author', key: 'grace-hopper' });
    expect(again.statusCode).toBe(200);
    expect(
      (await withToken(app, read.token, 'POST', '/api/v1/follows', { kind: 'category', key: 'cs.LG' })).statusCode,
    ).toBe(403);
    const list = await withToken(app, read.token, 'GET', '/api/v1/follows');
    expect(list.json().follows).toEqual([
      expect.objectContaining({
        kind: 'author',
        key: 'grace-hopper',
        label: 'Grace Hopper',
        href: '/authors/grace-hopper',
      }),
    ]);
    const bad = await withToken(app, write.token, 'POST', '/api/v1/follows', { kind: 'planet', key: 'mars' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('follows.invalid_input');
    const unknown = await withToken(app, write.token, 'POST', '/api/v1/follows', {
      kind: 'author',
      key: 'Nobody At All',
    });
    expect(unknown.statusCode).toBe(404);
    const org = await withToken(app, write.token, 'POST', '/api/v1/follows', { kind: 'organization', key: 'acme' });
    expect(org.statusCode).toBe(404);
    expect(org.json().error.code).toBe('follows.not_found');
    const removed = await withToken(app, write.token, 'DELETE', '/api/v1/follows?kind=author&key=grace-hopper');
    expect(removed.json()).toEqual({ kind: 'author', key: 'grace-hopper', following: false });
    expect((await withToken(app, read.token, 'GET', '/api/v1/follows')).json().follows).toEqual([]);
  });

  it('describes the follows API in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths['/api/v1/follows']).sort()).toEqual(['delete', 'get', 'post']);
    expect(
      doc.paths['/api/v1/follows'].post.requestBody.content['application/json'].schema.properties.kind.enum,
    ).toContain('saved_search');
    expect(doc.paths['/api/v1/follows/papers'].get).toBeDefined();
  });
});
