import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { recordNotifications } from '../../notifications/notifications.usecases.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

describe('notifications over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  const clients: Record<string, TestClient> = {};
  const ids: Record<string, number> = {};
  const paper = '2406.30001';

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_RATE_LIMIT_ENABLED: 'false' } }));
    await seedListed(store, [
      { day: todayUtc(), paper: { arxivId: paper, title: 'Sparse mixers', authors: [{ name: 'Ada Lovelace' }] } },
    ]);
    for (const [name, role] of [
      ['ada', 'user'],
      ['bob', 'user'],
      ['Carol', 'user'],
      ['mod', 'moderator'],
    ] as const) {
      ids[name] = await makeUser(store, { username: name, role });
      clients[name] = new TestClient(app);
      await clients[name]!.signIn(name);
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const comment = async (who: string, body: string, parentId?: number) => {
    const res = await clients[who]!.post(`/papers/${paper}/comments`, {
      body,
      ...(parentId ? { parentId: String(parentId) } : {}),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    return Number(/#comment-(\d+)/.exec(String(res.headers.location))![1]);
  };
  const apiList = async (who: string) =>
    (await clients[who]!.api('GET', '/api/v1/notifications')).json() as {
      unread: number;
      newestId: number | null;
      notifications: Array<{ id: number; kind: string; read: boolean; summary: string; url: string }>;
    };
  const unreadBadge = (body: string) => /class="badge notifications-count" data-unread="(\d+)"/.exec(body)?.[1];

  it('tells the parent comment’s author about a reply, on /notifications, in the API and as a count in the header', async () => {
    const root = await comment('ada', 'A question about the lower bound.');
    expect(unreadBadge((await clients.ada!.get('/')).body)).toBeUndefined();
    const reply = await comment('bob', 'It follows from Lemma 2.', root);
    const page = await clients.ada!.get('/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/papers/${paper}#comment-${reply}"`);
    expect(page.body).toContain('bob replied to your comment on “Sparse mixers”');
    expect(page.body).toContain('data-unread');
    expect(page.body).toContain('It follows from Lemma 2.');
    expect(unreadBadge(page.body)).toBe('1');
    const list = await apiList('ada');
    expect(list.unread).toBe(1);
    expect(list.notifications[0]).toMatchObject({ kind: 'comment_reply', read: false });
    expect(list.notifications[0]!.url).toMatch(new RegExp(`/papers/${paper}#comment-${reply}$`));
    // The one who replied hears nothing of their own reply.
    expect((await apiList('bob')).unread).toBe(0);
  });

  it('links an @mention of an existing account and notifies it once, however often it is named', async () => {
    const before = (await apiList('Carol')).notifications.length;
    const id = await comment('bob', 'Ask @carol — or @Carol, again — and @nobody, but not `@ada` in code.');
    const thread = await new TestClient(app).get(`/papers/${paper}`);
    expect(thread.body).toContain('<a class="mention" href="/u/carol">@carol</a>');
    expect(thread.body).toContain('<a class="mention" href="/u/Carol">@Carol</a>');
    expect(thread.body).not.toContain('href="/u/nobody"');
    expect(thread.body).toContain('<code>@ada</code>');
    const carol = await apiList('Carol');
    expect(carol.notifications.length).toBe(before + 1);
    expect(carol.notifications[0]).toMatchObject({
      kind: 'mention',
      summary: expect.stringContaining('bob mentioned you'),
    });
    expect(carol.notifications[0]!.url).toContain(`#comment-${id}`);
    // Code spans mention nobody.
    expect((await apiList('ada')).notifications.filter((n) => n.kind === 'mention')).toHaveLength(0);
    // An edit that adds nothing new notifies nobody again; one that adds a mention tells only the newcomer.
    const edited = await clients.bob!.post(`/comments/${id}/edit`, { body: 'Ask @carol and @ada.' });
    expect(edited.statusCode).toBe(303);
    expect((await apiList('Carol')).notifications.length).toBe(before + 1);
    expect((await apiList('ada')).notifications.filter((n) => n.kind === 'mention')).toHaveLength(1);
  });

  it('never notifies anyone of their own action: replying to yourself or mentioning yourself', async () => {
    const before = (await apiList('bob')).notifications.length;
    const own = await comment('bob', 'A note to self, @bob.');
    await comment('bob', 'And a reply to myself.', own);
    expect((await apiList('bob')).notifications.length).toBe(before);
  });

  it('tells a claimant the moderator’s decision', async () => {
    await clients.Carol!.post(`/papers/${paper}/claims`, { authorName: 'Ada Lovelace' });
    const [claim] = await store.claims.listByStatus('pending');
    await clients.mod!.post(`/claims/${claim!.id}/reject`);
    const carol = await apiList('Carol');
    expect(carol.notifications[0]).toMatchObject({
      kind: 'claim_decision',
      summary: 'Your claim to be Ada Lovelace on “Sparse mixers” was not approved',
    });
  });

  it('marks one read, then all read up to what the page showed, by form and by API', async () => {
    await comment('bob', 'Hello @ada.');
    await comment('Carol', 'Hi @ada too.');
    let list = await apiList('ada');
    const [newest, second] = list.notifications;
    expect(list.unread).toBe(list.notifications.filter((n) => !n.read).length);
    const one = await clients.ada!.post(`/notifications/${second!.id}/read`);
    expect(one.statusCode).toBe(303);
    list = await apiList('ada');
    expect(list.notifications.find((n) => n.id === second!.id)!.read).toBe(true);
    expect(list.notifications.find((n) => n.id === newest!.id)!.read).toBe(false);
    // Someone else's notification cannot be marked: it is not found, and stays unread.
    const foreign = (await apiList('Carol')).notifications.find((n) => !n.read)!;
    const refused = await clients.ada!.api('POST', '/api/v1/notifications/read', { ids: [foreign.id] });
    expect(refused.statusCode).toBe(404);
    expect((await apiList('Carol')).notifications.find((n) => n.id === foreign.id)!.read).toBe(false);
    // "Mark all read" marks up to the newest one shown; one arriving after that stays unread.
    const upTo = list.newestId!;
    await comment('bob', 'One more for @ada.');
    const all = await clients.ada!.post('/notifications/read-all', { upTo: String(upTo) });
    expect(all.statusCode).toBe(303);
    list = await apiList('ada');
    expect(list.unread).toBe(1);
    expect(list.notifications[0]!.read).toBe(false);
    const api = await clients.ada!.api('POST', '/api/v1/notifications/read', { all: true });
    expect(api.json()).toEqual({ unread: 0 });
    expect(unreadBadge((await clients.ada!.get('/')).body)).toBeUndefined();
  });

  it('refuses marking read without a CSRF token, and an empty API request', async () => {
    await comment('bob', 'Ping @ada.');
    const { notifications } = await apiList('ada');
    const target = notifications.find((n) => !n.read)!;
    const form = await clients.ada!.post(`/notifications/${target.id}/read`, { _csrf: '' });
    expect(form.statusCode).toBe(403);
    const api = await clients.ada!.api('POST', '/api/v1/notifications/read', { all: true }, { csrf: false });
    expect(api.statusCode).toBe(403);
    expect((await apiList('ada')).notifications.find((n) => n.id === target.id)!.read).toBe(false);
    const empty = await clients.ada!.api('POST', '/api/v1/notifications/read', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('notifications.invalid_input');
  });

  it('pages older notifications with a stable "Older" link, and needs a signed-in reader', async () => {
    const drafts = Array.from({ length: 32 }, (_, i) => ({
      userId: ids.Carol!,
      kind: 'paper_new_version' as const,
      dedupeKey: `new_version:${paper}v${i + 2}`,
      data: { arxivId: paper, paperTitle: 'Sparse mixers', version: i + 2 },
    }));
    expect(await recordNotifications({ store }, drafts)).toHaveLength(32);
    // Recording the same events again records nothing.
    expect(await recordNotifications({ store }, drafts)).toHaveLength(0);
    const first = await clients.Carol!.get('/notifications');
    const older = /href="(\/notifications\?before=\d+)"/.exec(first.body)?.[1];
    expect(older).toBeDefined();
    const second = await clients.Carol!.get(older!);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Newest');
    const firstIds = [...first.body.matchAll(/id="notification-(\d+)"/g)].map((m) => Number(m[1]));
    const secondIds = [...second.body.matchAll(/id="notification-(\d+)"/g)].map((m) => Number(m[1]));
    expect(firstIds).toHaveLength(30);
    expect(Math.max(...secondIds)).toBeLessThan(Math.min(...firstIds));
    expect([...firstIds].sort((a, b) => b - a)).toEqual(firstIds);
    const anonymous = await new TestClient(app).get('/notifications');
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/login/);
    expect((await new TestClient(app).api('GET', '/api/v1/notifications')).statusCode).toBe(401);
    expect((await clients.Carol!.get('/notifications?before=abc')).statusCode).toBe(400);
  });

  it('saves e-mail choices per kind, starting from the documented defaults', async () => {
    const page = await clients.bob!.get('/settings/notifications');
    expect(page.body).toMatch(/name="mail_comment_reply" checked/);
    // This site has no mail transport: the page says so instead of promising mail.
    expect(page.body).toContain('E-mail is not enabled on this site');
    expect(page.body).toMatch(/name="mail_mention" checked/);
    expect(page.body).not.toMatch(/name="mail_paper_new_version" checked/);
    const saved = await clients.bob!.post('/settings/notifications', { mail_paper_new_version: 'on' });
    expect(saved.statusCode).toBe(303);
    const after = (await clients.bob!.get('/settings/notifications')).body;
    expect(after).toMatch(/name="mail_paper_new_version" checked/);
    expect(after).not.toMatch(/name="mail_comment_reply" checked/);
    expect((await clients.bob!.post('/settings/notifications', {}, {})).statusCode).toBe(303);
    expect((await clients.bob!.post('/settings/notifications', { _csrf: '' })).statusCode).toBe(403);
  });

  it('documents both API routes in the OpenAPI document', async () => {
    const doc = (await new TestClient(app).get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { summary?: string; parameters?: Array<{ name: string }> }>>;
    };
    expect(doc.paths['/api/v1/notifications']?.get?.summary).toMatch(/notifications/i);
    expect(doc.paths['/api/v1/notifications']?.get?.parameters?.map((p) => p.name).sort()).toEqual(['before', 'limit']);
    expect(doc.paths['/api/v1/notifications/read']?.post?.summary).toMatch(/read/i);
  });
});
