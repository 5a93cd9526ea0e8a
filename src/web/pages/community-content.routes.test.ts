import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

describe('comments, collections, claims and moderation over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  const clients: Record<string, TestClient> = {};
  const paper = '2406.20001';
  const other = '2406.20002';

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_COMMUNITY_COMMENT_MAX_CHARS: '200' } }));
    await seedListed(store, [
      {
        day: todayUtc(),
        paper: { arxivId: paper, title: 'Mixing tokens', authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }] },
      },
      { day: todayUtc(), paper: { arxivId: other, title: 'Another paper' } },
    ]);
    for (const [name, role] of [
      ['ada', 'user'],
      ['bob', 'user'],
      ['mod', 'moderator'],
    ] as const) {
      await makeUser(store, { username: name, role });
      clients[name] = new TestClient(app);
      await clients[name]!.signIn(name);
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const commentIds = async () =>
    (await store.comments.listForPaper((await store.papers.findByArxivId(paper))!.id)).map((c) => c.id);

  it('posts a comment and a threaded reply, rendered from Markdown with math, counted on the card', async () => {
    const posted = await clients.ada!.post(`/papers/${paper}/comments`, {
      body: 'Nice bound on $\\alpha_1$, see **Lemma 2**.',
    });
    expect(posted.statusCode).toBe(303);
    const [rootId] = await commentIds();
    expect(posted.headers.location).toBe(`/papers/${paper}#comment-${rootId}`);
    const page = await clients.ada!.follow(posted);
    expect(page.body).toContain('Your comment is posted.');
    expect(page.body).toContain('<strong>Lemma 2</strong>');
    expect(page.body).toContain('class="katex"');
    await clients.bob!.post(`/papers/${paper}/comments`, { body: 'Agreed.', parentId: String(rootId) });
    const thread = await store.comments.listForPaper((await store.papers.findByArxivId(paper))!.id);
    expect(thread[1]).toMatchObject({ parentId: rootId, username: 'bob' });
    const day = await new TestClient(app).get('/');
    expect(day.body).toMatch(/2 comments/);
  });

  it('refuses empty and over-long comments with the text kept on the page, writing nothing', async () => {
    const before = (await commentIds()).length;
    const long = 'x'.repeat(201);
    const tooLong = await clients.ada!.post(`/papers/${paper}/comments`, { body: long });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('Comments have at most 200 characters; this one has 201.');
    expect(tooLong.body).toContain(long);
    const empty = await clients.ada!.post(`/papers/${paper}/comments`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write something before posting.');
    const api = await clients.ada!.post(`/papers/${paper}/comments`, { body: '' }, { accept: 'application/json' });
    expect(api.json().error.code).toBe('comments.empty');
    expect((await commentIds()).length).toBe(before);
  });

  it('lets authors edit and delete their own comments only; a deleted comment keeps its replies in place', async () => {
    const [rootId, replyId] = await commentIds();
    const foreignEdit = await clients.bob!.post(
      `/comments/${rootId}/edit`,
      { body: 'hijacked' },
      { referer: `http://localhost/papers/${paper}` },
    );
    expect(foreignEdit.statusCode).toBe(303);
    expect((await clients.bob!.follow(foreignEdit)).body).toContain('You can only change your own comments.');
    const foreignApi = await clients.bob!.post(`/comments/${rootId}/delete`, {}, { accept: 'application/json' });
    expect(foreignApi.statusCode).toBe(403);
    expect((await store.comments.findById(rootId!))?.body).toContain('Lemma 2');

    await clients.ada!.post(`/comments/${rootId}/edit`, { body: 'Edited: nice bound.' });
    expect((await store.comments.findById(rootId!))?.editedAt).not.toBeNull();
    const unconfirmed = await clients.ada!.post(
      `/comments/${rootId}/delete`,
      {},
      { referer: `http://localhost/papers/${paper}` },
    );
    expect((await clients.ada!.follow(unconfirmed)).body).toContain('confirm with “Yes, delete”');
    expect((await store.comments.findById(rootId!))?.deletedAt ?? null).toBeNull();
    const ownPage = await clients.ada!.get(`/papers/${paper}`);
    expect(ownPage.body).toContain(`<form method="post" action="/comments/${rootId}/delete" class="confirm-form">`);
    expect(ownPage.body).toContain('<input type="hidden" name="confirm" value="yes">');
    await clients.ada!.post(`/comments/${rootId}/delete`, { confirm: 'yes' });
    const page = await new TestClient(app).get(`/papers/${paper}`);
    expect(page.body).toContain('[deleted]');
    expect(page.body).not.toContain('Edited: nice bound.');
    expect(page.body).toContain(`id="comment-${replyId}"`);
  });

  it('hides a comment from everyone but its author and moderators, and logs it', async () => {
    await clients.bob!.post(`/papers/${other}/comments`, { body: 'Buy cheap pills' });
    const [spam] = (await store.comments.listForPaper((await store.papers.findByArxivId(other))!.id)).map((c) => c.id);
    expect(
      (await clients.ada!.post(`/comments/${spam}/hide`, { reason: 'x' }, { accept: 'application/json' })).statusCode,
    ).toBe(403);
    await clients.mod!.post(`/comments/${spam}/hide`, { reason: 'spam' });
    for (const [who, sees] of [
      ['anon', false],
      ['ada', false],
      ['bob', true],
      ['mod', true],
    ] as const) {
      const client = who === 'anon' ? new TestClient(app) : clients[who]!;
      expect((await client.get(`/papers/${other}`)).body.includes('Buy cheap pills'), who).toBe(sees);
    }
    expect((await new TestClient(app).get('/u/bob')).body).not.toContain('Buy cheap pills');
    const audit = await clients.mod!.get('/admin/audit');
    expect(audit.body).toContain('comment.hide');
    expect(audit.body).toContain('spam');
    expect((await clients.ada!.get('/admin/audit')).statusCode).toBe(403);
  });

  it('hides a listing from the lists with a reason, and refuses votes and comments on it', async () => {
    await clients.mod!.post(`/papers/${other}/hide`, { reason: 'off topic' });
    expect((await new TestClient(app).get('/')).body).not.toContain('Another paper');
    const vote = await clients.ada!.post(`/papers/${other}/upvote`, { state: 'on' }, { accept: 'application/json' });
    expect(vote.json().error.code).toBe('votes.not_listed');
    const comment = await clients.ada!.post(
      `/papers/${other}/comments`,
      { body: 'hello' },
      { accept: 'application/json' },
    );
    expect(comment.json().error.code).toBe('comments.closed');
    expect((await clients.mod!.get(`/papers/${other}`)).body).toContain(
      'This listing is hidden from the lists: off topic.',
    );
    await clients.mod!.post(`/papers/${other}/unhide`);
    expect((await new TestClient(app).get('/')).body).toContain('Another paper');
  });

  it('keeps collections: create with a paper, toggle from a card, private ones invisible, others cannot change them', async () => {
    const created = await clients.ada!.post('/collections', {
      name: 'Reading <list>',
      description: 'to read',
      isPublic: 'on',
      paper,
    });
    expect(created.statusCode).toBe(303);
    const [reading] = await store.collections.listByUser((await store.users.findByUsername('ada'))!.id, {
      includePrivate: true,
    });
    expect(reading).toMatchObject({ name: 'Reading <list>', itemCount: 1 });
    const card = await clients.ada!.get('/');
    expect(card.body).toContain('✓ Reading &lt;list&gt;');
    await clients.ada!.post(`/collections/${reading!.id}/items`, { paper: other, state: 'on' });
    const page = await new TestClient(app).get(`/collections/${reading!.id}`);
    expect(page.body).toContain('Mixing tokens');
    expect(page.body).toContain('Another paper');

    const bobAdds = await clients.bob!.post(
      `/collections/${reading!.id}/items`,
      { paper, state: 'off' },
      { accept: 'application/json' },
    );
    expect(bobAdds.statusCode).toBe(403);
    const bobDeletes = await clients.bob!.post(
      `/collections/${reading!.id}/delete`,
      {},
      { accept: 'application/json' },
    );
    expect(bobDeletes.json().error.code).toBe('collections.forbidden');
    expect((await store.collections.findById(reading!.id))?.itemCount).toBe(2);

    await clients.ada!.post(`/collections/${reading!.id}/edit`, { name: 'Secret', description: '' });
    expect((await new TestClient(app).get(`/collections/${reading!.id}`)).statusCode).toBe(404);
    expect((await clients.bob!.get(`/collections/${reading!.id}`)).statusCode).toBe(404);
    expect((await clients.ada!.get(`/collections/${reading!.id}`)).statusCode).toBe(200);
    expect((await new TestClient(app).get('/u/ada')).body).not.toContain('Secret');
    const dup = await clients.ada!.post('/collections', { name: 'SECRET' });
    expect(dup.statusCode).toBe(409);
  });

  it('approves an authorship claim and shows the badge on the paper and the profile', async () => {
    const claimed = await clients.ada!.post(`/papers/${paper}/claims`, { authorName: 'Ada Lovelace' });
    expect(claimed.statusCode).toBe(303);
    expect(
      (
        await clients.ada!.post(
          `/papers/${paper}/claims`,
          { authorName: 'Alan Turing' },
          { accept: 'application/json' },
        )
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await clients.bob!.post(
          `/papers/${paper}/claims`,
          { authorName: 'Not an author' },
          { accept: 'application/json' },
        )
      ).statusCode,
    ).toBe(400);
    const queue = await clients.mod!.get('/admin/claims');
    expect(queue.body).toContain('says they are <strong>Ada Lovelace</strong>');
    const [claim] = await store.claims.listByStatus('pending');
    await clients.mod!.post(`/claims/${claim!.id}/approve`);
    expect((await new TestClient(app).get(`/papers/${paper}`)).body).toContain('✓ ada</a>');
    expect((await new TestClient(app).get('/u/ada')).body).toContain('Verified author of');
    expect((await clients.mod!.get('/admin/audit')).body).toContain('claim.approve');
  });

  it('suspends a user: signed out, cannot write, and the profile says so', async () => {
    expect(
      (await clients.ada!.post('/u/mod/suspend', { reason: 'x' }, { accept: 'application/json' })).statusCode,
    ).toBe(403);
    await clients.mod!.post('/u/bob/suspend', { reason: 'abuse' });
    const vote = await clients.bob!.post(
      `/papers/${paper}/upvote`,
      { state: 'on', _csrf: '' },
      { accept: 'application/json' },
    );
    expect(vote.statusCode).toBe(401);
    expect((await new TestClient(app).get('/u/bob')).body).toContain('suspended');
    expect((await clients.mod!.get('/admin/audit')).body).toContain('user.suspend');
  });

  it('shows profiles with submissions and comments, and upvotes only when their owner allows', async () => {
    await clients.ada!.post(`/papers/${paper}/upvote`, { state: 'on' });
    expect((await new TestClient(app).get('/u/ada')).body).not.toContain('Upvoted papers');
    expect((await clients.ada!.get('/u/ada')).body).toContain('Upvoted papers (only you see this list)');
    await clients.ada!.post('/account/settings', { upvotesPublic: 'on' });
    const profile = await new TestClient(app).get('/u/ada');
    expect(profile.body).toContain('Upvoted papers');
    expect(profile.body).toContain('Mixing tokens');
    expect((await new TestClient(app).get('/u/nobody-here')).statusCode).toBe(404);
  });
});
