// Shared templates of the daily and search pages (shared-pages.ts) are right or they are nothing: the page a reader
// gets from a template equals the page the same server renders for them from scratch (pageCache: false), each
// reader sees their own votes, saves, name and token and nobody else's, a write or a new paper changes the next
// page, a search page follows the index, and a stored template holds nothing of any reader.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { html } from '../../render/html.js';
import type { Services } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';
import { buildServer } from '../server.js';
import { makeUser, TestClient } from './community.test-utils.js';
import { createSharedPages, type SharedPages, spliceTemplate } from './shared-pages.js';

const TOKEN = /name="_csrf" value="([^"]+)"/g;
/**
 * CSRF tokens are fresh on every render: compare pages with them blanked (and check them apart), and with the
 * search time blanked (a template shows how long its search took when it ran).
 */
const blankTokens = (page: string) =>
  page.replace(TOKEN, 'name="_csrf" value="TOKEN"').replace(/ · \d+ ms</g, ' · N ms<');
const tokensOf = (page: string) => new Set([...page.matchAll(TOKEN)].map((m) => m[1]!));
const card = (page: string, arxivId: string) => page.split(`id="paper-${arxivId}"`)[1]?.split('</article>')[0] ?? '';
const pressed = (page: string, arxivId: string) => card(page, arxivId).includes('aria-pressed="true"');
const voteCount = (page: string, arxivId: string) =>
  Number(/data-upvote-count>(\d+)</.exec(card(page, arxivId))?.[1] ?? Number.NaN);

describe('shared templates of the daily and search pages', () => {
  let store: Store;
  let services: Services;
  let syncSearch: () => Promise<void>;
  let defaultApp: FastifyInstance;
  let shared: FastifyInstance;
  let fresh: FastifyInstance;
  let templates: SharedPages;
  let arxivIds: string[];
  let ids: number[];
  const today = todayUtc();
  const clients: Record<string, { shared: TestClient; fresh: TestClient }> = {};

  /** The same reader (same cookies) on the shared server and on the one that renders from scratch. */
  async function reader(username: string, role?: 'admin') {
    await makeUser(store, { username, role });
    const onShared = new TestClient(shared);
    await onShared.signIn(username);
    const onFresh = new TestClient(fresh);
    clients[username] = { shared: onShared, fresh: onFresh };
    return clients[username]!;
  }
  /** Both renderings of one URL for one reader, with the same cookies (so the same flash, if any). */
  async function both(username: string, url: string) {
    const c = clients[username]!;
    for (const [k, v] of c.shared.cookies) c.fresh.cookies.set(k, v);
    const a = await c.shared.get(url);
    const b = await c.fresh.get(url);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    return { shared: a.body, fresh: b.body };
  }

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ids = await seedListed(store, [
      {
        paper: { title: 'Sparse $\\ell_1$ attention', abstract: 'We bound $x^2$ for attention.' },
        day: today,
        upvotes: 2,
      },
      { paper: { title: 'Dense attention models' }, day: today, upvotes: 1 },
      { paper: { title: 'Yesterday paper on attention' }, day: '2024-03-01' },
    ]);
    arxivIds = (await store.papers.findByIds(ids)).sort((a, b) => a.id - b.id).map((p) => p.arxivId);
    const built = await buildTestApp({ store });
    defaultApp = built.app;
    services = built.services;
    syncSearch = built.syncSearch;
    templates = createSharedPages({ maxBytes: 4 * 1024 * 1024 });
    shared = await buildServer({ services, sharedPages: templates });
    fresh = await buildServer({ services, pageCache: false });

    const alice = await reader('alice');
    await reader('bob', 'admin');
    // Alice upvotes the first paper and keeps it in a collection; Bob has a collection of his own.
    expect((await alice.shared.post(`/papers/${arxivIds[0]}/upvote`, { state: 'on' })).statusCode).toBeLessThan(400);
    const aliceId = (await store.users.findByUsername('alice'))!.id;
    const bobId = (await store.users.findByUsername('bob'))!.id;
    const now = new Date().toISOString();
    const kept = await store.collections.create({
      userId: aliceId,
      name: 'Alice reads',
      description: '',
      isPublic: false,
      now,
    });
    await store.collections.addPaper(kept, ids[0]!, now);
    await store.collections.create({ userId: bobId, name: 'Bob list', description: '', isPublic: false, now });
  }, 120_000);
  afterAll(async () => {
    await shared?.close();
    await fresh?.close();
    await defaultApp?.close();
    await store?.close();
  });

  it.each(['/', `/papers?date=${today}`, '/search?q=attention', '/search?q=attention&sort=newest'])(
    '%s from a template equals the page rendered from scratch, for two different readers',
    async (url) => {
      for (const username of ['alice', 'bob']) {
        const page = await both(username, url);
        expect(blankTokens(page.shared)).toBe(blankTokens(page.fresh));
      }
    },
  );

  it('each reader sees their own vote, saves, name and token, and nobody else’s', async () => {
    const alice = (await both('alice', '/')).shared;
    const bob = (await both('bob', '/')).shared;
    expect(pressed(alice, arxivIds[0]!)).toBe(true);
    expect(pressed(bob, arxivIds[0]!)).toBe(false);
    expect(alice).toContain('Alice reads');
    expect(alice).not.toContain('Bob list');
    expect(bob).toContain('Bob list');
    expect(bob).not.toContain('Alice reads');
    expect(alice).toContain('href="/u/alice"');
    expect(alice).not.toContain('/u/bob');
    expect(bob).toContain('href="/u/bob"');
    expect(bob).toContain('href="/admin/audit"'); // Bob is an admin; Alice's page has no moderation link
    expect(alice).not.toContain('href="/admin/audit"');
    // One token per page (every form of it), each reader's own, and it works: a vote with it is accepted.
    const [aliceToken, ...more] = tokensOf(alice);
    expect(more).toEqual([]);
    expect(tokensOf(bob).has(aliceToken!)).toBe(false);
    const vote = await clients.alice!.shared.post(`/papers/${arxivIds[1]}/upvote`, {
      state: 'on',
      _csrf: aliceToken!.replace(/&amp;/g, '&'),
    });
    expect(vote.statusCode).toBeLessThan(400);
    await clients.alice!.shared.post(`/papers/${arxivIds[1]}/upvote`, { state: 'off' });
  });

  it('two readers in the same state but for one vote: each gets their own vote state', async () => {
    // No collections, the same role: the card parts rendered for one state are shared, never across states.
    const carol = await reader('carol');
    await reader('dave');
    const first = { carol: await both('carol', '/'), dave: await both('dave', '/') };
    expect(pressed(first.carol.shared, arxivIds[0]!)).toBe(false);
    expect(pressed(first.dave.shared, arxivIds[0]!)).toBe(false);
    expect((await carol.shared.post(`/papers/${arxivIds[0]}/upvote`, { state: 'on' })).statusCode).toBeLessThan(400);
    for (let i = 0; i < 2; i++) {
      const carolPage = await both('carol', '/');
      const davePage = await both('dave', '/');
      expect(pressed(carolPage.shared, arxivIds[0]!)).toBe(true);
      expect(pressed(davePage.shared, arxivIds[0]!)).toBe(false);
      expect(blankTokens(carolPage.shared)).toBe(blankTokens(carolPage.fresh));
      expect(blankTokens(davePage.shared)).toBe(blankTokens(davePage.fresh));
      const [token] = tokensOf(davePage.shared);
      expect(tokensOf(carolPage.shared).has(token!)).toBe(false);
    }
    await carol.shared.post(`/papers/${arxivIds[0]}/upvote`, { state: 'off' });
  });

  it('a vote, a new paper and a collection change show on the next signed-in page', async () => {
    const before = (await both('bob', '/')).shared;
    const count = voteCount(before, arxivIds[1]!);
    expect(
      (await clients.alice!.shared.post(`/papers/${arxivIds[1]}/upvote`, { state: 'on' })).statusCode,
    ).toBeLessThan(400);
    const alice = await both('alice', '/');
    const bob = await both('bob', '/');
    expect(pressed(alice.shared, arxivIds[1]!)).toBe(true);
    expect(pressed(bob.shared, arxivIds[1]!)).toBe(false);
    expect(voteCount(bob.shared, arxivIds[1]!)).toBe(count + 1);
    expect(blankTokens(bob.shared)).toBe(blankTokens(bob.fresh));

    const [added] = await seedListed(store, [{ paper: { title: 'Brand new listing today' }, day: today }]);
    expect((await both('bob', '/')).shared).toContain('Brand new listing today');
    const newArxivId = (await store.papers.findByIds([added!]))[0]!.arxivId;
    // Bob saves the new paper: only his own page shows it saved.
    const bobId = (await store.users.findByUsername('bob'))!.id;
    const [list] = await store.collections.listByUser(bobId, { includePrivate: true });
    await store.collections.addPaper(list!.id, added!, new Date().toISOString());
    const saved = await both('bob', '/');
    expect(card(saved.shared, newArxivId)).toContain('Saved (1)');
    expect(card((await both('alice', '/')).shared, newArxivId)).not.toContain('Saved (1)');
    expect(blankTokens(saved.shared)).toBe(blankTokens(saved.fresh));
  });

  it('renders a page once for all its readers, and a search once per query and index version', async () => {
    const listRange = store.listings.listRange.bind(store.listings);
    const search = services.search.search.bind(services.search);
    let lists = 0;
    let searches = 0;
    store.listings.listRange = (...args) => {
      lists++;
      return listRange(...args);
    };
    services.search.search = (...args) => {
      searches++;
      return search(...args);
    };
    try {
      for (let i = 0; i < 3; i++) {
        await clients.alice!.shared.get(`/?sort=newest`);
        await clients.bob!.shared.get(`/?sort=newest`);
        await clients.bob!.shared.get('/search?q=models');
        await shared.inject('/search?q=models');
      }
      expect(lists).toBe(1);
      expect(searches).toBe(1);
    } finally {
      store.listings.listRange = listRange;
      services.search.search = search;
    }
  });

  it('a search page follows the index, and so does its ETag', async () => {
    const before = (await both('alice', '/search?q=quokka')).shared;
    expect(before).not.toContain('detection in the wild');
    // Without a cookie the page has no token: the same bytes again, the same ETag, and a 304 for it.
    const first = await shared.inject('/search?q=quokka');
    const again = await shared.inject('/search?q=quokka');
    expect(again.body).toBe(first.body);
    expect(first.headers.etag).toMatch(/^W\//);
    expect(again.headers.etag).toBe(first.headers.etag);
    const revalidated = await shared.inject({
      method: 'GET',
      url: '/search?q=quokka',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
    ids.push(...(await seedListed(store, [{ paper: { title: 'Quokka detection in the wild' }, day: today }])));
    await syncSearch();
    const after = await both('alice', '/search?q=quokka');
    expect(after.fresh).toContain('detection in the wild'); // the title, its match marked
    expect(after.shared).toContain('detection in the wild');
    const changed = await shared.inject({
      method: 'GET',
      url: '/search?q=quokka',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    // A change of the index alone (no store write, no new position): the page follows the index's results.
    const [quokka] = await store.papers.findByIds(ids.slice(-1));
    expect(quokka?.title).toContain('Quokka');
    services.search.remove([quokka!.id]);
    const removed = await both('alice', '/search?q=quokka');
    expect(removed.shared).not.toContain('detection in the wild');
    expect(blankTokens(removed.shared)).toBe(blankTokens(removed.fresh));
    expect(blankTokens(after.shared)).toBe(blankTokens(after.fresh));
  });

  it('a stored template holds nothing of any reader: no name, token, vote state, saves or flash', async () => {
    // A flash message (after a comment) and an anonymous reader with a cookie go through templates too.
    await clients.alice!.shared.post(`/papers/${arxivIds[0]}/comments`, { body: 'A comment with a flash after it.' });
    await both('alice', '/');
    const cookieOnly = await shared.inject({ method: 'GET', url: '/', cookies: { unrelated: '1' } });
    expect(cookieOnly.statusCode).toBe(200);
    expect(cookieOnly.body).not.toContain('alice');
    expect(tokensOf(cookieOnly.body).size).toBe(0);
    expect(templates.size).toBeGreaterThan(0);
    for (const template of templates.stored()) {
      const text = template.segments.map((b) => b.toString('utf8')).join('');
      expect(text).not.toMatch(/alice|bob|Alice reads|Bob list/);
      expect(text).not.toContain('name="_csrf"');
      expect(text).not.toContain('aria-pressed="true"');
      expect(text).not.toContain('data-flash');
      expect(text).not.toContain('Sign out');
    }
  });
});

describe('a shared template', () => {
  const part = (text: string) => () => html`${text}`;

  it('joins its text with the parts in the order they appear, which need not be the order they were recorded', async () => {
    const pages = createSharedPages({ maxBytes: 1024 * 1024 });
    const template = await pages.template('k', 'v1', async (slots) => {
      const body = html`<main>${slots.slot(part('body'))}</main>`; // a body is rendered before its layout
      return html`<header>${slots.slot(part('menu'))}</header>${body}`;
    });
    const chrome = { user: null, csrfToken: null };
    const page = spliceTemplate(template!, chrome, { upvoted: new Set(), savedIn: null });
    expect(page.body.toString()).toBe('<header>menu</header><main>body</main>');
  });

  it('is not made of a page whose own text holds the placeholder characters, and that is remembered', async () => {
    const pages = createSharedPages({ maxBytes: 1024 * 1024 });
    let renders = 0;
    const render = async (slots: Parameters<Parameters<SharedPages['template']>[2]>[0]) => {
      renders++;
      return html`<p>${'A title with \uE0000\uE001 in it'}</p>${slots.slot(part('x'))}`;
    };
    expect(await pages.template('k', 'v1', render)).toBeNull();
    expect(await pages.template('k', 'v1', render)).toBeNull();
    expect(renders).toBe(1);
    expect(pages.stored()).toEqual([]);
  });

  it('is one rendering for concurrent requests, and a new one for a new version', async () => {
    const pages = createSharedPages({ maxBytes: 1024 * 1024 });
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 5));
      return html`<p>same</p>`;
    };
    const all = await Promise.all(Array.from({ length: 10 }, () => pages.template('k', 'v1', render)));
    expect(new Set(all).size).toBe(1);
    expect(renders).toBe(1);
    await pages.template('k', 'v2', render);
    expect(renders).toBe(2);
  });
});
