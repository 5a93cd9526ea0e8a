import { afterEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { seedListed } from '../../test/support/seed.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('the page version on $dialect', (factory) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('grows with every kind of write a page shows, and stays put on reads and on an unchanged re-import', async () => {
    store = await factory.open('change_sequence');
    const [paperId] = await seedListed(store, [{ day: '2024-05-01' }]);
    const userId = await store.users.create({ username: 'seq-user' });
    const now = new Date().toISOString();
    let last = await store.changes.current();
    const grows = async (what: string, write: () => Promise<unknown>) => {
      await write();
      const next = await store.changes.current();
      expect(next, what).toBeGreaterThan(last);
      last = next;
    };
    await grows('a paper', () => store.papers.upsertMany([makePaper()]));
    await grows('a vote', () => store.votes.setVote({ userId, paperId: paperId!, up: true }));
    let commentId = 0;
    await grows('a comment', async () => {
      commentId = await store.comments.create({
        paperId: paperId!,
        userId,
        parentId: null,
        body: 'hi',
        createdAt: now,
      });
    });
    await grows('a hidden comment', () =>
      store.moderation.setCommentHidden({ commentId, hidden: true, actorId: null, reason: null, now }),
    );
    await grows('a listing', () => seedListed(store, [{ day: '2024-05-02' }]));
    const listing = (await store.listings.findByPaperId(paperId!))!;
    await grows('a hidden listing', () =>
      store.moderation.setListingHidden({ listingId: listing.id, hidden: true, actorId: null, reason: null, now }),
    );
    await grows('a suspension', () =>
      store.moderation.setUserSuspended({ userId, suspended: true, actorId: null, reason: null, now }),
    );
    await store.listings.findByPaperId(paperId!);
    const papers = await store.papers.findByIds([paperId!]);
    await store.papers.upsertMany(papers);
    expect(await store.changes.current()).toBe(last);
  });
});
