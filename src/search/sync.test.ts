import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './query-parser.js';
import type { SearchDocument } from './search.models.js';
import { makeDoc, tempIndex } from './search.test-utils.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';
import { type FeedVector, syncSearchIndex, syncVectors } from './sync.js';

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

  it('lets the event loop run between batches, and searches see what is committed meanwhile', async () => {
    const t = tempIndex();
    const store = fakeStore(60);
    // The feed resolves at once, as the SQLite store's does: only an explicit turn of the event loop lets a timer in.
    const seen: Array<{ lastSeq: number; hits: number }> = [];
    const probe = () => {
      seen.push({
        lastSeq: t.index.lastSeq(),
        hits: t.index.search(parseSearchQuery('part'), { limit: 100, offset: 0, sort: 'relevance' }).hits.length,
      });
      if (seen.length < 100) timer = setTimeout(probe, 0);
    };
    let timer = setTimeout(probe, 0);
    const done = await syncSearchIndex({ index: t.index, fetchChanges: store.fetchChanges, batchSize: 10 });
    clearTimeout(timer);
    expect(done.lastSeq).toBe(60);
    const during = seen.filter((s) => s.lastSeq > 0 && s.lastSeq < 60);
    expect(during.length).toBeGreaterThan(0);
    // What a search answered mid-sync is exactly what had been committed.
    for (const s of during) expect(s.hits).toBe(s.lastSeq);
    t.dispose();
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

describe('copying vectors from the store (syncVectors)', () => {
  const unit = (i: number) => {
    const v = new Float32Array(4);
    v[i % 4] = 1;
    return v;
  };

  /** The store's vector feed: every vector of one model with a write seq, and the paper's change number. */
  function vectorFeed() {
    const rows: FeedVector[] = [];
    const calls: number[] = [];
    return {
      rows,
      calls,
      add: (paperId: number, paperChangeSeq: number, textHash = `hash-${paperId}`) =>
        rows.push({ paperId, textHash, vector: unit(paperId), seq: rows.length + 1, paperChangeSeq }),
      fetchVectors: async (afterSeq: number, limit: number) => {
        calls.push(afterSeq);
        return rows.filter((r) => r.seq > afterSeq).slice(0, limit);
      },
    };
  }

  it('copies the vectors in batches and resumes from the store seq it reached', async () => {
    const t = tempIndex();
    const papers = fakeStore(10);
    await syncSearchIndex({ index: t.index, fetchChanges: papers.fetchChanges });
    const feed = vectorFeed();
    for (let id = 1; id <= 7; id++) feed.add(id, id);
    const first = await syncVectors({ index: t.index, model: 'm', fetchVectors: feed.fetchVectors, batchSize: 3 });
    expect(first).toEqual({ written: 7, storeSeq: 7 });
    expect(feed.calls).toEqual([0, 3, 6]);
    expect(t.index.embeddingStatus({ model: 'm' }).embedded).toBe(0); // hashes differ from the index's texts
    expect(t.index.pendingEmbeddings({ model: 'other', afterPaperId: 0, limit: 100 })).toHaveLength(10);
    feed.add(8, 8);
    feed.calls.length = 0;
    expect(await syncVectors({ index: t.index, model: 'm', fetchVectors: feed.fetchVectors })).toEqual({
      written: 1,
      storeSeq: 8,
    });
    expect(feed.calls).toEqual([7]);
    t.dispose();
  });

  it('waits for a paper the index has not received yet, and passes over withdrawn papers', async () => {
    const t = tempIndex();
    const papers = fakeStore(5);
    await syncSearchIndex({ index: t.index, fetchChanges: papers.fetchChanges });
    papers.put(makeDoc({ paperId: 2, withdrawn: true }));
    await syncSearchIndex({ index: t.index, fetchChanges: papers.fetchChanges });
    expect(t.index.hasPaper(2)).toBe(false);
    const feed = vectorFeed();
    feed.add(1, 1);
    feed.add(2, 6); // withdrawn at change 6, which the index has applied
    feed.add(9, 7); // a paper newer than the index
    feed.add(3, 3);
    expect(await syncVectors({ index: t.index, model: 'm', fetchVectors: feed.fetchVectors })).toEqual({
      written: 1,
      storeSeq: 2,
    });
    papers.put(makeDoc({ paperId: 9, title: 'late paper' }));
    await syncSearchIndex({ index: t.index, fetchChanges: papers.fetchChanges });
    expect(await syncVectors({ index: t.index, model: 'm', fetchVectors: feed.fetchVectors })).toEqual({
      written: 2,
      storeSeq: 4,
    });
    t.dispose();
  });

  it('skips vectors the index already has for the same text, but still advances', async () => {
    const t = tempIndex();
    const papers = fakeStore(3);
    await syncSearchIndex({ index: t.index, fetchChanges: papers.fetchChanges });
    const [pending] = t.index.pendingEmbeddings({ model: 'm', afterPaperId: 0, limit: 1 });
    t.index.putVectors({ model: 'm', items: [{ paperId: 1, textHash: pending!.textHash, vector: unit(1) }] });
    const feed = vectorFeed();
    feed.add(1, 1, pending!.textHash);
    feed.add(1, 1, 'a newer text');
    expect(await syncVectors({ index: t.index, model: 'm', fetchVectors: feed.fetchVectors })).toEqual({
      written: 1,
      storeSeq: 2,
    });
    t.dispose();
  });
});
