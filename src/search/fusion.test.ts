import { describe, expect, it } from 'vitest';
import { fuse, minMax } from './fusion.js';

const kw = [
  { paperId: 1, score: 9 },
  { paperId: 2, score: 5 },
  { paperId: 3, score: 1 },
];
const sem = [
  { paperId: 3, score: 0.9 },
  { paperId: 4, score: 0.8 },
  { paperId: 1, score: 0.1 },
];

describe('rank fusion', () => {
  it('adds weight/(k + rank) from each list in reciprocal-rank fusion', () => {
    const fused = fuse({ keyword: kw, semantic: sem, settings: { method: 'rrf', semanticWeight: 1, rrfK: 60 } });
    const score = new Map(fused.map((f) => [f.paperId, f.score]));
    expect(score.get(1)).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(score.get(3)).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(score.get(4)).toBeCloseTo(1 / 62, 12);
    expect(fused.map((f) => f.paperId)).toEqual([1, 3, 2, 4]);
  });

  it('keeps the keyword order when the semantic weight is 0, semantic-only papers last', () => {
    for (const method of ['rrf', 'linear'] as const) {
      const fused = fuse({ keyword: kw, semantic: sem, settings: { method, semanticWeight: 0 } });
      expect(fused.map((f) => f.paperId)).toEqual([1, 2, 3, 4]);
    }
  });

  it('follows the semantic order alone when the linear weight is 1', () => {
    const fused = fuse({ keyword: kw, semantic: sem, settings: { method: 'linear', semanticWeight: 1 } });
    expect(fused.slice(0, 3).map((f) => f.paperId)).toEqual([3, 4, 1]);
  });

  it('mixes min-max normalised scores linearly', () => {
    const fused = fuse({ keyword: kw, semantic: sem, settings: { method: 'linear', semanticWeight: 0.5 } });
    const score = new Map(fused.map((f) => [f.paperId, f.score]));
    expect(score.get(1)).toBeCloseTo(0.5 * 1 + 0.5 * 0, 12);
    expect(score.get(3)).toBeCloseTo(0.5 * 0 + 0.5 * 1, 12);
    expect(score.get(2)).toBeCloseTo(0.5 * 0.5, 12);
    expect(score.get(4)).toBeCloseTo(0.5 * (0.7 / 0.8), 12);
  });

  it('scores a list of equal scores as 1 and an empty list as nothing', () => {
    expect([
      ...minMax([
        { paperId: 7, score: 2 },
        { paperId: 8, score: 2 },
      ]).values(),
    ]).toEqual([1, 1]);
    expect(fuse({ keyword: [], semantic: [], settings: { method: 'rrf', semanticWeight: 1 } })).toEqual([]);
  });

  it('breaks ties by paper id so that pages are stable', () => {
    const fused = fuse({
      keyword: [{ paperId: 9, score: 1 }],
      semantic: [{ paperId: 5, score: 1 }],
      settings: { method: 'rrf', semanticWeight: 1 },
    });
    expect(fused.map((f) => f.paperId)).toEqual([5, 9]);
  });
});
