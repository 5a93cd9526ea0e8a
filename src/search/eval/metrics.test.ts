import { describe, expect, it } from 'vitest';
import { mrrAt, ndcgAt, recallAt } from './metrics.js';

const judged = new Map([
  ['a', 3],
  ['b', 1],
  ['c', 0],
]);

describe('ranking metrics', () => {
  it('gives nDCG 1 to the ideal order and less to any other', () => {
    expect(ndcgAt({ ranked: ['a', 'b'], judgments: judged, k: 10 })).toBe(1);
    const swapped = (1 / Math.log2(2) + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3));
    expect(ndcgAt({ ranked: ['b', 'a'], judgments: judged, k: 10 })).toBeCloseTo(swapped, 12);
  });

  it('uses 2^rel − 1 gains when asked (graded judgments)', () => {
    const expected = (1 / 1 + 7 / Math.log2(3)) / (7 + 1 / Math.log2(3));
    expect(ndcgAt({ ranked: ['b', 'a'], judgments: judged, k: 10, gain: 'exponential' })).toBeCloseTo(expected, 12);
  });

  it('ignores documents past the cut-off and judged-irrelevant ones', () => {
    expect(ndcgAt({ ranked: ['c', 'x', 'a'], judgments: judged, k: 2 })).toBe(0);
    expect(recallAt({ ranked: ['c', 'a'], judgments: judged, k: 100 })).toBe(0.5);
    expect(mrrAt({ ranked: ['c', 'x', 'b'], judgments: judged, k: 10 })).toBeCloseTo(1 / 3, 12);
    expect(mrrAt({ ranked: ['c', 'x', 'b'], judgments: judged, k: 2 })).toBe(0);
  });
});
