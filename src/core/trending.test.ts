import { describe, expect, it } from 'vitest';
import { hotness, trendingScore } from './trending.js';

const params = { halfLifeHours: 24 };

describe('trending', () => {
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
