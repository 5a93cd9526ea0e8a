import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import { isUniqueViolation } from './sql-helpers.js';
import type { Store } from './store.js';

describe.each(storeFactories)('community store contract on $dialect', (factory) => {
  let store: Store;
  let alice: number;
  let bob: number;
  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    alice = await store.users.create({ username: 'alice', email: 'Alice@Example.org', passwordHash: 'h1' });
    bob = await store.users.create({ username: 'bob', email: 'bob@example.org' });
  });
  afterEach(async () => {
    await store.close();
  });

  async function storedPaper(listedOn: string | null = '2024-05-01', submittedBy: number | null = null) {
    const paper = makePaper();
    await store.papers.upsertMany([paper]);
    const { id } = (await store.papers.findByArxivId(paper.arxivId))!;
    if (listedOn) await store.listings.add({ paperId: id, listedOn, submittedBy });
    return id;
  }

  it('finds accounts by e-mail or username in any case, with the password hash only for sign-in', async () => {
    expect((await store.users.findByEmail('alice@example.ORG'))?.id).toBe(alice);
    expect((await store.users.findForLogin('ALICE'))?.passwordHash).toBe('h1');
    expect((await store.users.findForLogin('alice@example.org'))?.user.username).toBe('alice');
    expect(await store.users.findForLogin('nobody')).toBeNull();
    await expect(store.users.create({ username: 'carol', email: 'ALICE@example.org' })).rejects.toSatisfy(
      isUniqueViolation,
    );
  });

  it('records e-mail verification, password changes and the public-upvotes preference', async () => {
    const fresh = await store.users.findById(alice);
    expect(fresh).toMatchObject({ emailVerifiedAt: null, suspendedAt: null, upvotesPublic: false, role: 'user' });
    await store.users.markEmailVerified(alice, '2024-05-01T10:00:00.000Z');
    await store.users.setPasswordHash(alice, 'h2');
    await store.users.setUpvotesPublic(alice, true);
    expect(await store.users.findById(alice)).toMatchObject({
      emailVerifiedAt: '2024-05-01T10:00:00.000Z',
      upvotesPublic: true,
    });
    expect(await store.users.passwordHashOf(alice)).toBe('h2');
  });

  it('keeps a pending address apart from held ones until it is confirmed, and then holds it', async () => {
    // Two sign-ups may wait on the same address (one of them already held): nothing is unique until confirmed.
    const carol = await store.users.create({ username: 'carol', pendingEmail: 'alice@example.org' });
    const dave = await store.users.create({ username: 'dave', pendingEmail: 'dave@example.org' });
    const eve = await store.users.create({ username: 'eve', pendingEmail: 'DAVE@example.org' });
    expect(await store.users.findById(carol)).toMatchObject({ email: null, pendingEmail: 'alice@example.org' });
    expect((await store.users.findByEmail('alice@example.org'))?.id).toBe(alice);
    expect(await store.users.findForLogin('dave@example.org')).toBeNull();
    await store.users.confirmPendingEmail(dave, '2024-05-01T10:00:00.000Z');
    expect(await store.users.findById(dave)).toMatchObject({
      email: 'dave@example.org',
      pendingEmail: null,
      emailVerifiedAt: '2024-05-01T10:00:00.000Z',
    });
    expect((await store.users.findForLogin('dave@example.org'))?.user.id).toBe(dave);
    await expect(store.users.confirmPendingEmail(eve, '2024-05-01T11:00:00.000Z')).rejects.toSatisfy(isUniqueViolation);
    expect(await store.users.findById(eve)).toMatchObject({ email: null, emailVerifiedAt: null });
  });

  it('finds only unexpired sessions, and signing out everywhere ends all of a user’s sessions', async () => {
    const now = '2024-05-01T00:00:00.000Z';
    await store.sessions.create({ idHash: 'a1', userId: alice, createdAt: now, expiresAt: '2024-05-31T00:00:00.000Z' });
    await store.sessions.create({ idHash: 'a2', userId: alice, createdAt: now, expiresAt: '2024-05-31T00:00:00.000Z' });
    await store.sessions.create({
      idHash: 'old',
      userId: alice,
      createdAt: now,
      expiresAt: '2024-04-30T00:00:00.000Z',
    });
    await store.sessions.create({ idHash: 'b1', userId: bob, createdAt: now, expiresAt: '2024-05-31T00:00:00.000Z' });
    expect((await store.sessions.findActive('a1', now))?.user.username).toBe('alice');
    expect(await store.sessions.findActive('old', now)).toBeNull();
    expect(await store.sessions.deleteExpired(now)).toBe(1);
    await store.sessions.extend('a1', '2024-06-30T00:00:00.000Z');
    expect((await store.sessions.findActive('a1', now))?.expiresAt).toBe('2024-06-30T00:00:00.000Z');
    expect(await store.sessions.deleteForUser(alice)).toBe(2);
    expect(await store.sessions.findActive('a2', now)).toBeNull();
    expect((await store.sessions.findActive('b1', now))?.user.id).toBe(bob);
  });

  it('keeps threaded comments, soft-deletes them in place and counts only visible ones', async () => {
    const paperId = await storedPaper();
    const other = await storedPaper();
    const at = (m: number) => `2024-05-01T10:${String(m).padStart(2, '0')}:00.000Z`;
    const root = await store.comments.create({
      paperId,
      userId: alice,
      parentId: null,
      body: 'root',
      createdAt: at(1),
    });
    const reply = await store.comments.create({
      paperId,
      userId: bob,
      parentId: root,
      body: 'reply',
      createdAt: at(2),
    });
    const hidden = await store.comments.create({
      paperId,
      userId: bob,
      parentId: null,
      body: 'spam',
      createdAt: at(3),
    });
    await store.comments.create({ paperId: other, userId: bob, parentId: null, body: 'elsewhere', createdAt: at(4) });
    await store.moderation.setCommentHidden({
      commentId: hidden,
      hidden: true,
      reason: 'spam',
      actorId: alice,
      now: at(5),
    });
    await store.comments.updateBody(reply, 'edited reply', at(6));
    await store.comments.softDelete(root, at(7));

    const thread = await store.comments.listForPaper(paperId);
    expect(thread.map((c) => [c.id, c.parentId, c.body, c.username])).toEqual([
      [root, null, '', 'alice'],
      [reply, root, 'edited reply', 'bob'],
      [hidden, null, 'spam', 'bob'],
    ]);
    expect(thread[0]!.deletedAt).toBe(at(7));
    expect(thread[1]!.editedAt).toBe(at(6));
    expect(thread[2]).toMatchObject({ hidden: true, hiddenReason: 'spam' });
    expect(await store.comments.countsForPapers([paperId, other])).toEqual(
      new Map([
        [paperId, 1],
        [other, 1],
      ]),
    );
    const bobs = await store.comments.listByUser(bob, { limit: 10, includeHidden: false });
    expect(bobs.map((c) => c.comment.body)).toEqual(['elsewhere', 'edited reply']);
    expect(await store.comments.listByUser(bob, { limit: 10, includeHidden: true })).toHaveLength(3);
  });

  it('keeps collections with unique names per owner, items, membership and cascading deletes', async () => {
    const [p1, p2] = [await storedPaper(), await storedPaper(null)];
    const now = '2024-05-01T00:00:00.000Z';
    const reading = await store.collections.create({
      userId: alice,
      name: 'Reading',
      description: '',
      isPublic: true,
      now,
    });
    const secret = await store.collections.create({
      userId: alice,
      name: 'Secret',
      description: 'x',
      isPublic: false,
      now,
    });
    await store.collections.create({ userId: bob, name: 'reading', description: '', isPublic: true, now });
    await expect(
      store.collections.create({ userId: alice, name: 'READING', description: '', isPublic: true, now }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await store.collections.addPaper(reading, p1, now)).toBe(true);
    expect(await store.collections.addPaper(reading, p1, now)).toBe(false);
    expect(await store.collections.addPaper(reading, p2, '2024-05-02T00:00:00.000Z')).toBe(true);
    expect(await store.collections.addPaper(secret, p1, now)).toBe(true);

    const items = await store.collections.items(reading);
    expect(items.map((i) => i.paper.id)).toEqual([p2, p1]);
    expect(items[0]!.listing).toBeNull();
    expect(items[1]!.listing?.listedOn).toBe('2024-05-01');
    expect((await store.collections.findById(reading))?.itemCount).toBe(2);
    expect((await store.collections.listByUser(alice, { includePrivate: false })).map((c) => c.name)).toEqual([
      'Reading',
    ]);
    expect(await store.collections.listByUser(alice, { includePrivate: true })).toHaveLength(2);
    expect(await store.collections.containing(alice, [p1, p2])).toEqual(
      new Map([
        [p1, new Set([reading, secret])],
        [p2, new Set([reading])],
      ]),
    );
    await store.collections.update(secret, { name: 'Renamed', description: '', isPublic: true, now });
    expect(await store.collections.findById(secret)).toMatchObject({ name: 'Renamed', isPublic: true, owner: 'alice' });
    expect(await store.collections.removePaper(reading, p1)).toBe(true);
    expect(await store.collections.removePaper(reading, p1)).toBe(false);
    await store.collections.delete(reading);
    expect(await store.collections.findById(reading)).toBeNull();
    expect(await store.collections.containing(alice, [p2])).toEqual(new Map());
  });

  it('decides an authorship claim once, and every moderation action lands in the audit log with it', async () => {
    const paperId = await storedPaper();
    const claim = await store.claims.create({
      paperId,
      userId: bob,
      authorName: 'Ada Lovelace',
      now: '2024-05-01T00:00:00.000Z',
    });
    await expect(
      store.claims.create({ paperId, userId: bob, authorName: 'Alan Turing', now: '2024-05-01T00:00:00.000Z' }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect((await store.claims.listByStatus('pending')).map((c) => c.id)).toEqual([claim]);
    const decided = {
      claimId: claim,
      status: 'approved' as const,
      actorId: alice,
      reason: null,
      now: '2024-05-02T00:00:00.000Z',
    };
    expect(await store.moderation.decideClaim(decided)).toBe(true);
    expect(await store.moderation.decideClaim({ ...decided, status: 'rejected' })).toBe(false);
    expect((await store.claims.approvedForPaper(paperId)).map((c) => c.username)).toEqual(['bob']);
    expect((await store.claims.approvedForUser(bob))[0]).toMatchObject({
      authorName: 'Ada Lovelace',
      status: 'approved',
    });

    const listing = (await store.submissions.findListingForModeration(paperId))!;
    const now = '2024-05-03T00:00:00.000Z';
    await store.moderation.setListingHidden({
      listingId: listing.id,
      hidden: true,
      reason: 'off topic',
      actorId: alice,
      now,
    });
    expect(await store.submissions.findListingForModeration(paperId)).toMatchObject({
      hidden: true,
      hiddenReason: 'off topic',
    });
    await store.sessions.create({ idHash: 's', userId: bob, createdAt: now, expiresAt: '2099-01-01T00:00:00.000Z' });
    await store.moderation.setUserSuspended({ userId: bob, suspended: true, reason: 'abuse', actorId: alice, now });
    expect(await store.users.findById(bob)).toMatchObject({ suspendedAt: now, suspensionReason: 'abuse' });
    expect(await store.sessions.countForUser(bob)).toBe(0);
    await store.moderation.setUserRole({ userId: bob, role: 'moderator', actorId: alice, reason: null, now });
    expect((await store.users.findById(bob))?.role).toBe('moderator');

    const log = await store.audit.list({ limit: 10, offset: 0 });
    expect(log.map((e) => e.action).sort()).toEqual(['claim.approve', 'listing.hide', 'user.role', 'user.suspend']);
    expect(log.find((e) => e.action === 'listing.hide')).toMatchObject({
      actor: 'alice',
      targetType: 'listing',
      reason: 'off topic',
    });
  });

  it('counts a user’s submissions per day and lists the visible ones newest first', async () => {
    const a = await storedPaper('2024-05-01', alice);
    const b = await storedPaper('2024-05-01', alice);
    await storedPaper('2024-05-02', alice);
    await storedPaper('2024-05-01', bob);
    expect(await store.submissions.countSubmittedOn(alice, '2024-05-01')).toBe(2);
    const listing = (await store.submissions.findListingForModeration(b))!;
    await store.moderation.setListingHidden({
      listingId: listing.id,
      hidden: true,
      reason: null,
      actorId: null,
      now: '2024-05-03T00:00:00Z',
    });
    expect(await store.submissions.countSubmittedOn(alice, '2024-05-01')).toBe(2);
    const listed = await store.submissions.listSubmittedBy(alice, 10);
    expect(listed).toHaveLength(2);
    expect(listed.map((l) => l.paper.id)).toContain(a);
    expect(listed.every((l) => l.listing.submittedBy === 'alice')).toBe(true);
  });

  it('never lets concurrent submissions by one user exceed the daily limit', async () => {
    const papers = Array.from({ length: 6 }, (_, i) => makePaper({ arxivId: `2405.4000${i}` }));
    await store.papers.upsertMany(papers);
    const ids = await Promise.all(papers.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
    const outcomes = await Promise.all(
      ids.map((paperId) =>
        store.listings.addSubmission({
          paperId,
          listedOn: '2024-05-01',
          submittedBy: alice,
          createdAt: '2024-05-01T10:00:00Z',
          dailyLimit: 4,
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'added')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'daily_limit')).toHaveLength(2);
    expect(await store.submissions.countSubmittedOn(alice, '2024-05-01')).toBe(4);
    const listed: number[] = [];
    for (const id of ids) if (await store.listings.findByPaperId(id)) listed.push(id);
    expect(listed).toHaveLength(4);
    expect(
      await store.listings.addSubmission({
        paperId: listed[0]!,
        listedOn: '2024-05-02',
        submittedBy: bob,
        createdAt: '2024-05-02T10:00:00Z',
        dailyLimit: 0,
      }),
    ).toBe('taken');
  });

  it('lists the visible papers a user upvoted, most recent vote first', async () => {
    const [p1, p2, p3] = [await storedPaper(), await storedPaper(), await storedPaper()];
    await store.votes.addMany([
      { userId: bob, paperId: p1, createdAt: '2024-05-01T01:00:00.000Z' },
      { userId: bob, paperId: p2, createdAt: '2024-05-01T02:00:00.000Z' },
      { userId: bob, paperId: p3, createdAt: '2024-05-01T03:00:00.000Z' },
    ]);
    const hide = (await store.submissions.findListingForModeration(p3))!;
    await store.moderation.setListingHidden({
      listingId: hide.id,
      hidden: true,
      reason: null,
      actorId: null,
      now: '2024-05-02T00:00:00Z',
    });
    expect((await store.votes.listUpvotedBy(bob, 10)).map((v) => v.paper.id)).toEqual([p2, p1]);
  });
});
