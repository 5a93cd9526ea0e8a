import { describe, expect, it } from 'vitest';
import { hotness, trendingScore } from './trending.js';

const params = { halfLifeHours: 24 };

describe('trending', () => {
  it('gives the hand-computed hotness: log2(upvotes + 1) plus half-lives since the epoch', () => {
    expect(hotness(0, '1970-01-01T00:00:00Z', params)).toBe(0);
    expect(hotness(1, '1970-01-02T00:00:00Z', params)).toBe(2);
    // 2024-05-01 is 19,844 days after the epoch; log2(3 + 1) = 2.
    expect(hotness(3, '2024-05-01T00:00:00Z', params)).toBe(19_846);
    // Half-life 12 h: 476,268 hours after the epoch are 39,689 half-lives; log2(7 + 1) = 3.
    expect(hotness(7, '2024-05-01T12:00:00Z', { halfLifeHours: 12 })).toBe(39_692);
    // A negative count (never stored) counts as none.
    expect(hotness(-4, '1970-01-02T00:00:00Z', params)).toBe(1);
  });

  it('gives the hand-computed decayed score: (upvotes + 1) halved every half-life, never above the start', () => {
    const listed = '2024-05-01T00:00:00Z';
    expect(trendingScore(9, listed, new Date('2024-05-01T00:00:00Z'), params)).toBe(10);
    expect(trendingScore(9, listed, new Date('2024-05-02T00:00:00Z'), params)).toBe(5);
    expect(trendingScore(9, listed, new Date('2024-05-03T12:00:00Z'), params)).toBeCloseTo(10 / 2 ** 2.5, 12);
    expect(trendingScore(0, listed, new Date('2024-04-30T00:00:00Z'), params)).toBe(1);
  });

  it('a listing loses half its score every half-life', () => {
    const listed = '2024-05-01T00:00:00Z';
    const a = trendingScore(9, listed, new Date('2024-05-01T00:00:00Z'), params);
    const b = trendingScore(9, listed, new Date('2024-05-02T00:00:00Z'), params);
    expect(b).toBeCloseTo(a / 2, 10);
  });

  it('stored hotness orders listings exactly as the decayed score does, at any moment', () => {
    const listings = [
      { upvotes: 0, at: '2024-05-03T12:00:00Z' },
      { upvotes: 10, at: '2024-05-01T00:00:00Z' },
      { upvotes: 3, at: '2024-05-02T06:00:00Z' },
      { upvotes: 40, at: '2024-04-28T00:00:00Z' },
    ];
    const byHotness = [...listings].sort((x, y) => hotness(y.upvotes, y.at, params) - hotness(x.upvotes, x.at, params));
    for (const now of ['2024-05-04T00:00:00Z', '2024-06-01T00:00:00Z']) {
      const byScore = [...listings].sort(
        (x, y) =>
          trendingScore(y.upvotes, y.at, new Date(now), params) - trendingScore(x.upvotes, x.at, new Date(now), params),
      );
      expect(byScore).toEqual(byHotness);
    }
  });

  it('one more upvote raises a listing above an equal one listed at the same time', () => {
    const at = '2024-05-01T00:00:00Z';
    expect(hotness(5, at, params)).toBeGreaterThan(hotness(4, at, params));
  });
});
