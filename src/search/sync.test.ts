import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './query-parser.js';
import type { SearchDocument } from './search.models.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';
import { syncSearchIndex } from './sync.js';
import { makeDoc, tempIndex } from './testing.js';

const TOPICS = ['token mixing', 'state space models', 'mixup augmentation', 'solar mixing layer', 'graph networks'];

/** A stand-in for the store's change feed: rows ordered by a monotonic changeSeq. */
function fakeStore(count: number) {
  let seq = 0;
  const rows = new Map<number, SearchDocument>();
  const put = (doc: Omit<SearchDocument, 'changeSeq'>) => rows.set(doc.paperId, { ...doc, changeSeq: ++seq });
  for (let i = 1; i <= count; i++) {
    put(
      makeDoc({
        paperId: i,
        title: `${TOPICS[i % TOPICS.length]} part ${i}`,
        abstract: `Study ${i} of ${TOPICS[i % 3]}.`,
      }),
    );
  }
  const calls: number[] = [];
  return {
    put,
    calls,
    fetchChanges: async (afterSeq: number, limit: number) => {
      calls.push(afterSeq);
      return [...rows.values()]
        .filter((d) => d.changeSeq > afterSeq)
        .sort((a, b) => a.changeSeq - b.changeSeq)
        .slice(0, limit);
    },
  };
}

const snapshot = (index: SearchIndex) =>
  ['mixing', 'state space', 'part 7', 'graph -networks', 'augmentation'].map((q) =>
    index
      .search(parseSearchQuery(q), { limit: 50, offset: 0, sort: 'relevance' })
      .hits.map((h) => [h.paperId, h.score]),
  );

describe('syncSearchIndex', () => {
  it('follows the change sequence: new, changed and withdrawn papers', async () => {
    const t = tempIndex();
    const store = fakeStore(25);
    const progress: number[] = [];
    const first = await syncSearchIndex({
      index: t.index,
      fetchChanges: store.fetchChanges,
      batchSize: 10,
      onProgress: (p) => progress.push(p.lastSeq),
    });
    expect(first).toMatchObject({ applied: 25, removed: 0, lastSeq: 25 });
    expect(progress).toEqual([10, 20, 25]);
    store.put(makeDoc({ paperId: 3, title: 'Quantum annealing schedules' }));
    store.put(makeDoc({ paperId: 4, title: 'gone', withdrawn: true }));
    const second = await syncSearchIndex({ index: t.index, fetchChanges: store.fetchChanges, batchSize: 10 });
    expect(second).toMatchObject({ applied: 1, removed: 1, lastSeq: 27 });
    expect(
      t.index.search(parseSearchQuery('annealing'), { limit: 5, offset: 0, sort: 'relevance' }).hits[0]?.paperId,
    ).toBe(3);
    expect(t.index.count()).toBe(24);
    expect(await syncSearchIndex({ index: t.index, fetchChanges: store.fetchChanges })).toMatchObject({ applied: 0 });
    t.dispose();
  });

  it('resumes after an interruption from the last committed batch', async () => {
    const t = tempIndex();
    const store = fakeStore(30);
    let failNext = false;
    const flaky = async (after: number, limit: number) => {
      if (failNext) throw new Error('connection reset');
      failNext = true;
      return store.fetchChanges(after, limit);
    };
    await expect(syncSearchIndex({ index: t.index, fetchChanges: flaky, batchSize: 10 })).rejects.toThrow('reset');
    expect(t.index.lastSeq()).toBe(10);
    // Reopen, as a restarted process would.
    t.index.close();
    const reopened = openSearchIndex({ path: t.file });
    store.calls.length = 0;
    const result = await syncSearchIndex({ index: reopened, fetchChanges: store.fetchChanges, batchSize: 10 });
    expect(store.calls[0]).toBe(10);
    expect(result).toMatchObject({ applied: 20, lastSeq: 30 });
    expect(reopened.count()).toBe(30);
    reopened.close();
    rmSync(t.dir, { recursive: true, force: true });
  });

  it('rebuilds identical results after the index file is deleted', async () => {
    const t = tempIndex();
    const store = fakeStore(40);
    store.put(makeDoc({ paperId: 9, title: 'withdrawn', withdrawn: true }));
    await syncSearchIndex({ index: t.index, fetchChanges: store.fetchChanges, batchSize: 7 });
    const before = snapshot(t.index);
    t.index.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(t.file + suffix, { force: true });
    const fresh = openSearchIndex({ path: t.file });
    expect(fresh.lastSeq()).toBe(0);
    await syncSearchIndex({ index: fresh, fetchChanges: store.fetchChanges, batchSize: 13 });
    expect(snapshot(fresh)).toEqual(before);
    expect(before.flat().length).toBeGreaterThan(10);
    fresh.close();
    rmSync(t.dir, { recursive: true, force: true });
  });

  it('is idempotent: a source that repeats old changes changes nothing and does not loop', async () => {
    const t = tempIndex();
    const store = fakeStore(12);
    await syncSearchIndex({ index: t.index, fetchChanges: store.fetchChanges });
    const before = snapshot(t.index);
    const stale = async () => store.fetchChanges(0, 5);
    expect(await syncSearchIndex({ index: t.index, fetchChanges: stale, batchSize: 5 })).toMatchObject({ applied: 0 });
    t.index.upsert(await store.fetchChanges(0, 100));
    expect(snapshot(t.index)).toEqual(before);
    expect(t.index.lastSeq()).toBe(12);
    t.dispose();
  });
});
