import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeChangeFeed } from '../papers/search.usecases.js';
import { syncSearchIndex } from '../search/index.js';
import { tempIndex } from '../search/search.test-utils.js';
import { openStore, type Store } from '../store/store.js';
import { currentKeywords, KEYWORDS_CHECKPOINT, refreshKeywords } from './keywords.usecases.js';

const TOPICS = [
  'sparse attention',
  'speculative decoding',
  'diffusion distillation',
  'mixture of experts',
  'flow matching',
];

describe('the keywords job', () => {
  let store: Store;
  let index: ReturnType<typeof tempIndex>;
  beforeEach(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    index = tempIndex();
  });
  afterEach(async () => {
    index.dispose();
    await store.close();
  });

  async function seed(n: number) {
    const papers = Array.from({ length: n }, (_, i) =>
      makePaper({
        title: `Scaling ${TOPICS[i % TOPICS.length]} for paper ${i}`,
        abstract: `We study ${TOPICS[i % TOPICS.length]} in large language models. Our ${TOPICS[i % TOPICS.length]} method is fast.`,
      }),
    );
    await store.papers.upsertMany(papers);
    await syncSearchIndex({ index: index.index, fetchChanges: storeChangeFeed(store) });
    return papers;
  }

  it('gives every paper keywords from its own text', async () => {
    const papers = await seed(30);
    const r = await refreshKeywords({ store, index: index.index });
    expect(r).toMatchObject({ checked: 30, written: 30, interrupted: false });
    const stored = await store.papers.findByArxivId(papers[3]!.arxivId);
    const keywords = currentKeywords(stored!, await store.paperKeywords.forPapers([stored!.id]));
    expect(keywords).toContain(TOPICS[3]);
  });

  it('gives the event loop a turn between batches, so a long backfill inside serve does not hold requests', async () => {
    await seed(30);
    // A callback queued behind I/O (setImmediate) runs only when the job lets the event loop turn; SQLite answers
    // synchronously, so without that turn every batch would run before it.
    let turns = 0;
    const seen: number[] = [];
    await refreshKeywords({
      store,
      index: index.index,
      batchSize: 10,
      onBatch: () => {
        seen.push(turns);
        setImmediate(() => turns++);
      },
    });
    expect(seen).toEqual([0, 1, 2]);
  });

  it('killed mid-way, resumes after its last batch and writes every paper exactly once', async () => {
    await seed(25);
    const controller = new AbortController();
    const first = await refreshKeywords({
      store,
      index: index.index,
      batchSize: 10,
      signal: controller.signal,
      onBatch: () => controller.abort(),
    });
    expect(first).toMatchObject({ checked: 10, written: 10, interrupted: true });
    expect(await store.paperKeywords.count()).toBe(10);
    const second = await refreshKeywords({ store, index: index.index, batchSize: 10 });
    expect(second).toMatchObject({ checked: 15, written: 15, interrupted: false });
    expect(await store.paperKeywords.count()).toBe(25);
    // A run killed after writing but before its checkpoint redoes the batch without writing anything again.
    await store.checkpoints.delete(KEYWORDS_CHECKPOINT);
    const again = await refreshKeywords({ store, index: index.index, batchSize: 10 });
    expect(again).toMatchObject({ checked: 25, written: 0 });
  });

  it('recomputes a paper whose abstract changed, and shows nothing stale meanwhile', async () => {
    const [paper] = await seed(20);
    await refreshKeywords({ store, index: index.index });
    const edited = { ...paper!, version: 2, abstract: 'We introduce quasicrystal tilings for graph coloring.' };
    await store.papers.upsertMany([edited]);
    const stored = (await store.papers.findByArxivId(paper!.arxivId))!;
    expect(currentKeywords(stored, await store.paperKeywords.forPapers([stored.id]))).toEqual([]);
    await syncSearchIndex({ index: index.index, fetchChanges: storeChangeFeed(store) });
    const r = await refreshKeywords({ store, index: index.index });
    expect(r).toMatchObject({ checked: 1, written: 1 });
    const keywords = currentKeywords(stored, await store.paperKeywords.forPapers([stored.id]));
    expect(keywords).toContain('quasicrystal tilings');
  });

  it('a vote (which moves the paper in the change sequence) recomputes nothing', async () => {
    const [paper] = await seed(20);
    await refreshKeywords({ store, index: index.index });
    const stored = (await store.papers.findByArxivId(paper!.arxivId))!;
    await store.listings.add({
      paperId: stored.id,
      listedOn: '2024-05-01',
      submittedBy: null,
      createdAt: '2024-05-01T12:00:00Z',
    });
    const userId = await store.users.create({ username: 'voter' });
    await store.votes.setVote({ userId, paperId: stored.id, up: true });
    const r = await refreshKeywords({ store, index: index.index });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.written).toBe(0);
  });

  it('waits for the search index rather than extracting without document frequencies', async () => {
    await store.papers.upsertMany([makePaper()]);
    const r = await refreshKeywords({ store, index: index.index });
    expect(r.skipped).toMatch(/index is empty/);
    expect(await store.paperKeywords.count()).toBe(0);
  });
});
