import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('store contract on $dialect', (factory) => {
  let store: Store;
  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores a paper and reads back every field', async () => {
    const paper = makePaper({
      arxivId: 'hep-th/9901001',
      version: 2,
      authors: [{ name: 'C. Balázs', affiliation: 'Argonne' }, { name: 'E. L. Berger' }],
      categories: ['hep-th', 'gr-qc'],
      primaryCategory: 'hep-th',
      doi: '10.1103/PhysRevD.76.013009',
      comments: '37 pages',
      journalRef: 'Phys.Rev.D76:013009,2007',
      withdrawn: true,
      versions: [
        { version: 1, date: '2007-04-02T19:18:42.000Z', size: '12kb' },
        { version: 2, date: '2007-07-24T20:10:27.000Z' },
      ],
      publishedAt: '2007-04-02T19:18:42.000Z',
      updatedAt: '2007-07-24T20:10:27.000Z',
      links: [{ kind: 'github', url: 'https://github.com/a/b' }],
    });
    expect(await store.papers.upsertMany([paper])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const stored = await store.papers.findByArxivId('hep-th/9901001');
    expect(stored).toMatchObject({ ...paper, codeUrl: 'https://github.com/a/b', projectUrl: null });
    expect(stored?.id).toBeGreaterThan(0);
  });

  it('upserting the same papers twice changes nothing, not even the change sequence', async () => {
    const papers = [makePaper(), makePaper()];
    await store.papers.upsertMany(papers);
    const seq = await store.papers.maxChangeSeq();
    expect(await store.papers.upsertMany(papers)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await store.papers.maxChangeSeq()).toBe(seq);
    expect(await store.papers.count()).toBe(2);
  });

  it('a newer version updates the paper and an older one never rolls it back', async () => {
    const v1 = makePaper({ title: 'First title' });
    const v2 = { ...v1, version: 2, title: 'Second title' };
    await store.papers.upsertMany([v1]);
    expect(await store.papers.upsertMany([v2])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await store.papers.upsertMany([v1])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await store.papers.findByArxivId(v1.arxivId))?.title).toBe('Second title');
  });

  it('keeps the newest version when one batch holds the same id twice', async () => {
    const v1 = makePaper({ title: 'Old' });
    const v2 = { ...v1, version: 2, title: 'New' };
    expect(await store.papers.upsertMany([v2, v1])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await store.papers.findByArxivId(v1.arxivId))?.title).toBe('New');
  });

  it('exposes changes in a monotonic sequence a search index can follow', async () => {
    const [a, b, c] = [makePaper(), makePaper(), makePaper()];
    await store.papers.upsertMany([a!, b!]);
    const afterFirst = await store.papers.maxChangeSeq();
    await store.papers.upsertMany([c!, { ...a!, version: 2, title: 'changed' }]);
    const changed = await store.papers.changedSince(afterFirst, 10);
    expect(changed.map((p) => p.arxivId).sort()).toEqual([a!.arxivId, c!.arxivId].sort());
    const seqs = changed.map((p) => p.changeSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(Math.min(...seqs)).toBeGreaterThan(afterFirst);
  });

  it('lists papers by day, sorted by upvotes then recency, with a total for paging', async () => {
    const papers = [makePaper(), makePaper(), makePaper(), makePaper()];
    await store.papers.upsertMany(papers);
    const ids = await Promise.all(papers.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
    const alice = await store.users.create({ username: 'alice' });
    const bob = await store.users.create({ username: 'bob' });
    await store.listings.add({
      paperId: ids[0]!,
      listedOn: '2024-05-01',
      submittedBy: alice,
      createdAt: '2024-05-01T08:00:00Z',
    });
    await store.listings.add({
      paperId: ids[1]!,
      listedOn: '2024-05-01',
      submittedBy: null,
      createdAt: '2024-05-01T09:00:00Z',
    });
    await store.listings.add({
      paperId: ids[2]!,
      listedOn: '2024-05-01',
      submittedBy: bob,
      createdAt: '2024-05-01T07:00:00Z',
    });
    await store.listings.add({ paperId: ids[3]!, listedOn: '2024-05-03', submittedBy: bob });
    await store.votes.setVote({ userId: alice, paperId: ids[2]!, up: true });
    await store.votes.setVote({ userId: bob, paperId: ids[2]!, up: true });
    await store.votes.setVote({ userId: bob, paperId: ids[0]!, up: true });

    const day = await store.listings.listRange({
      from: '2024-05-01',
      to: '2024-05-01',
      sort: 'upvotes',
      limit: 2,
      offset: 0,
    });
    expect(day.total).toBe(3);
    expect(day.items.map((i) => [i.paper.arxivId, i.listing.upvotes])).toEqual([
      [papers[2]!.arxivId, 2],
      [papers[0]!.arxivId, 1],
    ]);
    expect(day.items[1]!.listing.submittedBy).toBe('alice');
    const newest = await store.listings.listRange({
      from: '2024-05-01',
      to: '2024-05-01',
      sort: 'newest',
      limit: 10,
      offset: 0,
    });
    expect(newest.items[0]!.paper.arxivId).toBe(papers[1]!.arxivId);
    expect(await store.listings.neighbourDays('2024-05-02', '2024-05-02')).toEqual({
      previous: '2024-05-01',
      next: '2024-05-03',
    });
    expect(await store.listings.latestDayOnOrBefore('2024-05-02')).toBe('2024-05-01');
    expect(await store.listings.latestDayOnOrBefore('2024-04-30')).toBeNull();
  });

  it('a paper is listed once; a second listing is refused', async () => {
    const paper = makePaper();
    await store.papers.upsertMany([paper]);
    const { id } = (await store.papers.findByArxivId(paper.arxivId))!;
    expect(await store.listings.add({ paperId: id, listedOn: '2024-05-01', submittedBy: null })).toBe(true);
    expect(await store.listings.add({ paperId: id, listedOn: '2024-05-02', submittedBy: null })).toBe(false);
    expect((await store.listings.findByPaperId(id))?.listedOn).toBe('2024-05-01');
  });

  it('reads the visible listings of a batch of papers, leaving out unlisted and hidden ones', async () => {
    const papers = [makePaper(), makePaper(), makePaper()];
    await store.papers.upsertMany(papers);
    const [a, b, c] = await Promise.all(papers.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
    await store.listings.add({ paperId: a!, listedOn: '2024-05-01', submittedBy: null });
    await store.listings.add({ paperId: b!, listedOn: '2024-05-02', submittedBy: null });
    const hidden = (await store.listings.findByPaperId(b!))!;
    await store.moderation.setListingHidden({
      listingId: hidden.id,
      hidden: true,
      actorId: null,
      reason: 'spam',
      now: '2024-05-03T00:00:00.000Z',
    });
    const found = await store.listings.visibleByPaperIds([a!, b!, c!]);
    expect([...found.keys()]).toEqual([a]);
    expect(found.get(a!)).toMatchObject({ listedOn: '2024-05-01', upvotes: 0, submittedBy: null });
    expect(await store.listings.visibleByPaperIds([])).toEqual(new Map());
  });

  it('sorts by stored trending hotness: votes decayed by listing age', async () => {
    const papers = [makePaper(), makePaper(), makePaper()];
    await store.papers.upsertMany(papers);
    const ids = await Promise.all(papers.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
    // old with many votes, fresh with none, day-old with one vote
    await store.listings.add({
      paperId: ids[0]!,
      listedOn: '2024-05-01',
      submittedBy: null,
      createdAt: '2024-05-01T00:00:00Z',
    });
    await store.listings.add({
      paperId: ids[1]!,
      listedOn: '2024-05-05',
      submittedBy: null,
      createdAt: '2024-05-05T00:00:00Z',
    });
    await store.listings.add({
      paperId: ids[2]!,
      listedOn: '2024-05-04',
      submittedBy: null,
      createdAt: '2024-05-04T00:00:00Z',
    });
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => store.users.create({ username: `t${i}` })));
    for (const v of voters.slice(0, 20)) await store.votes.setVote({ userId: v, paperId: ids[0]!, up: true }); // 21 × 2^-4 ≈ 1.3
    await store.votes.setVote({ userId: voters[0]!, paperId: ids[2]!, up: true }); // 2 × 2^-1 = 1 ; fresh: 1 × 2^0 = 1 (ties broken by recency)
    const result = await store.listings.listRange({
      from: '2024-05-01',
      to: '2024-05-05',
      sort: 'trending',
      limit: 10,
      offset: 0,
    });
    expect(result.items.map((i) => i.paper.arxivId)).toEqual([
      papers[0]!.arxivId,
      papers[1]!.arxivId,
      papers[2]!.arxivId,
    ]);
  });

  it('usernames are unique regardless of case', async () => {
    await store.users.create({ username: 'Dave' });
    await expect(store.users.create({ username: 'dave' })).rejects.toThrow();
    expect((await store.users.findByUsername('DAVE'))?.username).toBe('Dave');
  });

  it('a job lease is held by one holder at a time, and an expired lease can be taken over', async () => {
    const t0 = new Date('2024-05-01T00:00:00Z');
    expect(await store.jobs.tryAcquire('harvest', 'a', 60_000, t0)).toBe(true);
    expect(await store.jobs.tryAcquire('harvest', 'b', 60_000, new Date(t0.getTime() + 1000))).toBe(false);
    expect(await store.jobs.tryAcquire('harvest', 'b', 60_000, new Date(t0.getTime() + 61_000))).toBe(true);
    expect(await store.jobs.renew('harvest', 'a', 60_000)).toBe(false);
    await store.jobs.release('harvest', 'b', { status: 'ok', message: 'done' });
    const [state] = await store.jobs.list();
    expect(state).toMatchObject({ name: 'harvest', lockedBy: null, lastStatus: 'ok', lastMessage: 'done', runs: 2 });
    expect(await store.jobs.tryAcquire('harvest', 'a', 60_000)).toBe(true);
  });

  it('marks papers withdrawn with a new change sequence, once', async () => {
    const paper = makePaper();
    await store.papers.upsertMany([paper]);
    const seq = await store.papers.maxChangeSeq();
    expect(await store.papers.markWithdrawn([paper.arxivId, '9999.99999'])).toBe(1);
    expect(await store.papers.markWithdrawn([paper.arxivId])).toBe(0);
    const stored = await store.papers.findByArxivId(paper.arxivId);
    expect(stored?.withdrawn).toBe(true);
    expect(stored?.changeSeq).toBeGreaterThan(seq);
  });

  it('keeps named checkpoints', async () => {
    expect(await store.checkpoints.get('import:x')).toBeNull();
    await store.checkpoints.set('import:x', { line: 10 });
    await store.checkpoints.set('import:x', { line: 20 });
    expect(await store.checkpoints.get('import:x')).toEqual({ line: 20 });
    await store.checkpoints.delete('import:x');
    expect(await store.checkpoints.get('import:x')).toBeNull();
  });
});
