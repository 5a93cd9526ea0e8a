import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import { evalTree } from './model.js';
import { idcgOf, meanNdcg, ndcgOf, type TrainingQuery, trainLambdaMart, trainLinear } from './train.js';

/** Queries where feature 1 marks the relevant candidate and feature 0 (the "BM25") is noise that ranks it low. */
function synthetic(count: number): TrainingQuery[] {
  const random = seededRandom(5);
  return Array.from({ length: count }, () => {
    const rel = Array.from({ length: 20 }, (_, i) => (i === 7 ? 1 : 0));
    const x = rel.map((r, i) => [1 - i / 20, r === 1 ? 0.6 + 0.4 * random() : 0.5 * random()]);
    return { x, rel, idcg: idcgOf([1]) };
  });
}

describe('ranking metrics and learners', () => {
  it('computes nDCG@10 by hand', () => {
    const q: TrainingQuery = { x: [], rel: [0, 1, 0], idcg: idcgOf([1, 1]) };
    // The relevant one at rank 2 of two judged relevant: (1/log2 3) / (1 + 1/log2 3).
    expect(ndcgOf(q, [3, 2, 1])).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
    // Ties keep candidate order.
    expect(ndcgOf(q, [1, 1, 1])).toBeCloseTo(ndcgOf(q, [3, 2, 1]));
  });

  it('coordinate ascent finds the informative feature', () => {
    const queries = synthetic(40);
    expect(meanNdcg(queries, (x) => x[0]!)).toBeLessThan(0.5);
    const { weights, ndcg } = trainLinear({ queries, width: 2 });
    expect(ndcg).toBe(1);
    expect(weights[1]!).toBeGreaterThan(0);
    expect(Math.abs(weights[0]!) + Math.abs(weights[1]!)).toBeCloseTo(1);
  });

  it('LambdaMART learns it too, deterministically', () => {
    const queries = synthetic(40);
    const settings = { trees: 10, leaves: 4, learningRate: 0.3, minLeaf: 5, bins: 16, seed: 1 };
    const trees = trainLambdaMart({ queries, width: 2, settings });
    expect(meanNdcg(queries, (x) => trees.reduce((s, t) => s + evalTree(t, x), 0))).toBeGreaterThan(0.95);
    expect(trainLambdaMart({ queries, width: 2, settings })).toEqual(trees);
  });
});
