import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleRanker } from './example-rank.js';
import { makeDoc, tempIndex } from './search.test-utils.js';
import { createTermStats } from './term-stats.js';

describe('ranking more-like-this candidates against the whole example', () => {
  let t: ReturnType<typeof tempIndex>;
  let db: Database.Database;
  let rank: ReturnType<typeof createExampleRanker>;
  const order = (text: string, ids: number[]) =>
    rank(
      text,
      ids.map((paperId) => ({ paperId, score: 0 })),
    ).map((c) => c.paperId);

  beforeAll(() => {
    t = tempIndex();
    t.index.upsert([
      makeDoc({ paperId: 1, title: 'Graph networks', abstract: 'Message passing over molecules.' }),
      makeDoc({ paperId: 2, title: 'Message passing', abstract: 'Graph networks over molecules.' }),
      makeDoc({ paperId: 3, title: 'Protein folding', abstract: 'Transformers predict structure of proteins.' }),
      makeDoc({
        paperId: 4,
        title: 'Protein folding',
        abstract: 'Transformers predict structure of proteins, and also weather, traffic, prices, poems and music.',
      }),
      makeDoc({ paperId: 5, title: 'Weather', abstract: 'Forecasting rain with physics.' }),
      makeDoc({ paperId: 6, title: 'Notes', abstract: 'Sparse sparse attention.' }),
      makeDoc({ paperId: 7, title: 'Notes', abstract: 'Attention attention sparse.' }),
    ]);
    db = new Database(t.file, { readonly: true });
    rank = createExampleRanker({ db, stats: createTermStats(db) });
  });
  afterAll(() => {
    db.close();
    t.dispose();
  });

  it('weights each term by how often the example uses it', () => {
    expect(order('sparse sparse sparse attention', [7, 6])).toEqual([6, 7]);
    expect(order('attention attention attention sparse', [6, 7])).toEqual([7, 6]);
  });

  it('counts a title hit above an abstract hit, and prefers the shorter of two equal matches', () => {
    expect(order('molecules graph', [2, 1])).toEqual([1, 2]);
    expect(order('protein folding transformers structure', [4, 3])).toEqual([3, 4]);
  });

  it('puts candidates that share nothing, or have no text in the index, last with score 0', () => {
    const ranked = rank('protein folding', [
      { paperId: 99, score: 7 },
      { paperId: 5, score: 9 },
      { paperId: 3, score: 1 },
    ]);
    expect(ranked[0]).toMatchObject({ paperId: 3 });
    expect(ranked[0]!.score).toBeGreaterThan(0);
    expect(ranked.slice(1).map((c) => c.score)).toEqual([0, 0]);
    expect(rank('protein', [])).toEqual([]);
  });
});
