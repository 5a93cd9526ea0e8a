import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/support/fixtures.js';
import { createSyntheticCorpus, loadKaggleSamples, titlePhraseQueries } from './eval/synthetic.js';
import { parseSearchQuery } from './query-parser.js';
import type { SearchDocument } from './search.models.js';
import { tempIndex } from './search.test-utils.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';
import { MERGE_TUNING } from './segment-merge.js';
import { syncSearchIndex } from './sync.js';

// The corpus is generated from the Kaggle sample in test/fixtures (CC0), so the test stands alone.
const KAGGLE = fixturePath('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl');
const samples = loadKaggleSamples(KAGGLE);

/** Every FTS5 segment is a row range in fts_data: the number of distinct segment ids is the number of segments. */
const segments = (file: string) => {
  const db = new Database(file, { readonly: true });
  // FTS5 rowids of leaf pages carry the segment id in bits 37–52 (fts5Int.h FTS5_SEGMENT_ROWID).
  const n = Number(
    db.prepare('SELECT count(DISTINCT (id >> 37) & 65535) FROM fts_data WHERE id >= 137438953472').pluck().get(),
  );
  db.close();
  return n;
};

const results = (index: SearchIndex, queries: readonly string[]) =>
  queries.map((q) =>
    index
      .search(parseSearchQuery(q), { limit: 20, offset: 0, sort: 'relevance' })
      .hits.map((h) => [h.paperId, h.score]),
  );

const feedOf = (docs: readonly SearchDocument[]) => async (after: number, limit: number) =>
  docs.filter((d) => d.changeSeq > after).slice(0, limit);

describe('background segment merges', () => {
  it('merge the many segments small batches leave into one, in steps, with the same results and scores', async () => {
    const t = tempIndex();
    const docs = [...createSyntheticCorpus({ samples, seed: 3 })(3000)];
    // 20 papers per batch: 150 committed transactions, each leaving a segment for FTS5's automerge to fold.
    await syncSearchIndex({ index: t.index, fetchChanges: feedOf(docs), batchSize: 20 });
    const queries = [...titlePhraseQueries({ samples, count: 40, seed: 9 }), 'quantum', 'neural network -graph'];
    const before = results(t.index, queries);
    expect(before.flat().length).toBeGreaterThan(100);
    const fragmented = segments(t.file);
    expect(fragmented).toBeGreaterThan(1);
    const merge = await t.index.mergeSegments({ pagesPerStep: 16 });
    expect(merge.complete).toBe(true);
    expect(merge.steps).toBeGreaterThan(1);
    expect(segments(t.file)).toBe(1);
    // A fresh handle, so that nothing cached in memory answers.
    const reopened = openSearchIndex({ path: t.file });
    expect(results(reopened, queries)).toEqual(before);
    reopened.close();
    t.dispose();
  });

  it('a sync that wrote enough text since the last merge ends with one; the counter starts over', async () => {
    const t = tempIndex();
    const saved = MERGE_TUNING.afterWrites;
    MERGE_TUNING.afterWrites = 500;
    try {
      const docs = [...createSyntheticCorpus({ samples, seed: 4 })(800)];
      const small = await syncSearchIndex({ index: t.index, fetchChanges: feedOf(docs.slice(0, 300)), batchSize: 50 });
      expect(small.merge).toBeUndefined();
      const large = await syncSearchIndex({ index: t.index, fetchChanges: feedOf(docs), batchSize: 50 });
      expect(large.merge?.complete).toBe(true);
      expect(segments(t.file)).toBe(1);
      expect(t.index.mergeDue()).toBe(false);
    } finally {
      MERGE_TUNING.afterWrites = saved;
      t.dispose();
    }
  });
});
