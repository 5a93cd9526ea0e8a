import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

// One named test per row of the vote-change table in votes.repository.ts (setVote), on both dialects.
describe.each(storeFactories)('vote changes on $dialect', (factory) => {
  let store: Store;
  let paperId: number;
  let user: number;
  const listedAt = '2024-05-01T00:00:00.000Z';
  // Hand-computed, not hotness() again: 2024-05-01T00:00Z is 19,844 days after the epoch, so with the default
  // 24-hour half-life hotness = log2(upvotes + 1) + 19,844 (core/trending.ts).
  const HOTNESS = { 0: 19_844, 1: 19_845, 20: 19_844 + 4.392317422778761 /* log2 21 */ };

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    const paper = makePaper();
    await store.papers.upsertMany([paper]);
    paperId = (await store.papers.findByArxivId(paper.arxivId))!.id;
    await store.listings.add({ paperId, listedOn: '2024-05-01', submittedBy: null, createdAt: listedAt });
    user = await store.users.create({ username: 'voter' });
  });
  afterEach(async () => {
    await store.close();
  });

  const storedHotness = async () => {
    const { connection } = store;
    const row = await connection.db
      .selectFrom('listings')
      .select('hotness')
      .where('paper_id', '=', paperId)
      .executeTakeFirstOrThrow();
    return row.hotness;
  };

  it('none → up: inserts the vote, adds one to the count and recomputes hotness', async () => {
    const before = await storedHotness();
    expect(await store.votes.setVote({ userId: user, paperId, up: true })).toEqual({
      changed: true,
      upvotes: 1,
      upvoted: true,
    });
    expect((await store.listings.findByPaperId(paperId))?.upvotes).toBe(1);
    expect(await store.votes.upvotedAmong(user, [paperId])).toEqual(new Set([paperId]));
    expect(await storedHotness()).toBeCloseTo(HOTNESS[1], 9);
    expect(await storedHotness()).toBeGreaterThan(before);
  });

  it('up → none: deletes the vote, takes one from the count and recomputes hotness', async () => {
    await store.votes.setVote({ userId: user, paperId, up: true });
    expect(await store.votes.setVote({ userId: user, paperId, up: false })).toEqual({
      changed: true,
      upvotes: 0,
      upvoted: false,
    });
    expect(await store.votes.upvotedAmong(user, [paperId])).toEqual(new Set());
    expect(await storedHotness()).toBeCloseTo(HOTNESS[0], 9);
  });

  it('a vote that changes the count gives the paper a new change number, so the search index re-reads its upvotes', async () => {
    const before = await store.papers.maxChangeSeq();
    await store.votes.setVote({ userId: user, paperId, up: true });
    const changed = await store.papers.changedSince(before, 10);
    expect(changed.map((p) => p.id)).toEqual([paperId]);
    await store.votes.setVote({ userId: user, paperId, up: true });
    expect(await store.papers.changedSince(changed[0]!.changeSeq, 10)).toEqual([]);
  });

  it('repeated up: a second upvote by the same user changes nothing', async () => {
    await store.votes.setVote({ userId: user, paperId, up: true });
    const hot = await storedHotness();
    expect(await store.votes.setVote({ userId: user, paperId, up: true })).toEqual({
      changed: false,
      upvotes: 1,
      upvoted: true,
    });
    expect(await storedHotness()).toBe(hot);
  });

  it('repeated none: removing a vote that is not there changes nothing and never goes below zero', async () => {
    expect(await store.votes.setVote({ userId: user, paperId, up: false })).toEqual({
      changed: false,
      upvotes: 0,
      upvoted: false,
    });
    expect((await store.listings.findByPaperId(paperId))?.upvotes).toBe(0);
  });

  it('refuses, writing nothing, a vote on an unlisted paper or a hidden listing', async () => {
    const unlisted = makePaper();
    await store.papers.upsertMany([unlisted]);
    const unlistedId = (await store.papers.findByArxivId(unlisted.arxivId))!.id;
    expect(await store.votes.setVote({ userId: user, paperId: unlistedId, up: true })).toBeNull();
    const listing = await store.submissions.findListingForModeration(paperId);
    await store.moderation.setListingHidden({
      listingId: listing!.id,
      hidden: true,
      reason: 'spam',
      actorId: null,
      now: listedAt,
    });
    expect(await store.votes.setVote({ userId: user, paperId, up: true })).toBeNull();
    expect(await store.votes.upvotedAmong(user, [paperId, unlistedId])).toEqual(new Set());
  });

  it('many concurrent voters, voting and un-voting at once, leave the count equal to the stored votes', async () => {
    const users = await Promise.all(Array.from({ length: 40 }, (_, i) => store.users.create({ username: `c${i}` })));
    // Everyone votes (twice, concurrently); then the first half un-vote while the second half vote again.
    await Promise.all([...users, ...users].map((u) => store.votes.setVote({ userId: u, paperId, up: true })));
    expect((await store.listings.findByPaperId(paperId))?.upvotes).toBe(40);
    await Promise.all(users.map((u, i) => store.votes.setVote({ userId: u, paperId, up: i >= 20 })));
    const votes = await store.connection.db
      .selectFrom('votes')
      .select('user_id')
      .where('paper_id', '=', paperId)
      .execute();
    expect(votes).toHaveLength(20);
    expect((await store.listings.findByPaperId(paperId))?.upvotes).toBe(20);
    expect(await storedHotness()).toBeCloseTo(HOTNESS[20], 9);
  });
});
