import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('paper feedback on $dialect', (factory) => {
  let store: Store;
  let ada: number;
  let bob: number;
  let papers: number[];

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    const made = [makePaper(), makePaper(), makePaper()];
    await store.papers.upsertMany(made);
    papers = await Promise.all(made.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
    ada = await store.users.create({ username: 'ada' });
    bob = await store.users.create({ username: 'bob' });
  });
  afterEach(async () => {
    await store.close();
  });

  const mark = (userId: number, paperId: number, createdAt: string) =>
    store.paperFeedback.mark({ userId, paperId, kind: 'not_interested', createdAt });

  it('marking adds one row, marking again keeps the first time, and unmarking removes it once', async () => {
    expect(await mark(ada, papers[0]!, '2024-05-01T10:00:00.000Z')).toBe(true);
    expect(await mark(ada, papers[0]!, '2024-05-02T10:00:00.000Z')).toBe(false);
    expect(await store.paperFeedback.listOf(ada, 'not_interested')).toEqual([
      { userId: ada, paperId: papers[0]!, kind: 'not_interested', createdAt: '2024-05-01T10:00:00.000Z' },
    ]);
    expect(await store.paperFeedback.unmark({ userId: ada, paperId: papers[0]!, kind: 'not_interested' })).toBe(true);
    expect(await store.paperFeedback.unmark({ userId: ada, paperId: papers[0]!, kind: 'not_interested' })).toBe(false);
    expect(await store.paperFeedback.listOf(ada, 'not_interested')).toEqual([]);
  });

  it('lists a reader’s feedback newest first, and only theirs', async () => {
    await mark(ada, papers[0]!, '2024-05-01T10:00:00.000Z');
    await mark(ada, papers[2]!, '2024-05-03T10:00:00.000Z');
    await mark(ada, papers[1]!, '2024-05-02T10:00:00.000Z');
    await mark(bob, papers[1]!, '2024-05-04T10:00:00.000Z');
    const mine = await store.paperFeedback.listOf(ada, 'not_interested');
    expect(mine.map((f) => f.paperId)).toEqual([papers[2], papers[1], papers[0]]);
    expect((await store.paperFeedback.listOf(ada, 'not_interested', 1)).map((f) => f.paperId)).toEqual([papers[2]]);
  });

  it('answers which papers each user marked among a set, and who gave feedback since a time', async () => {
    await mark(ada, papers[0]!, '2024-05-01T10:00:00.000Z');
    await mark(ada, papers[1]!, '2024-05-05T10:00:00.000Z');
    await mark(bob, papers[2]!, '2024-05-02T10:00:00.000Z');
    const among = await store.paperFeedback.amongForUsers([ada, bob], [papers[0]!, papers[2]!], 'not_interested');
    expect(among).toEqual(
      new Map([
        [ada, new Set([papers[0]])],
        [bob, new Set([papers[2]])],
      ]),
    );
    expect(await store.paperFeedback.amongForUsers([], papers, 'not_interested')).toEqual(new Map());
    expect(await store.paperFeedback.latestSince('2024-05-02T00:00:00.000Z')).toEqual(
      new Map([
        [ada, '2024-05-05T10:00:00.000Z'],
        [bob, '2024-05-02T10:00:00.000Z'],
      ]),
    );
    expect(await store.paperFeedback.latestSince('2024-05-03T00:00:00.000Z')).toEqual(
      new Map([[ada, '2024-05-05T10:00:00.000Z']]),
    );
  });

  it('refuses a kind the schema does not know', async () => {
    await expect(
      store.connection.db
        .insertInto('paper_feedback')
        .values({ user_id: ada, paper_id: papers[0]!, kind: 'meh', created_at: '2024-05-01T10:00:00.000Z' })
        .execute(),
    ).rejects.toThrow();
  });
});
