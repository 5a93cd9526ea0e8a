import { describe, expect, it } from 'vitest';
import { buildFeatureSpace, type FeatureText, vectorize } from './features.js';
import { decodeWeights, encodeWeights, scoreAll, trainLogistic } from './linear-model.js';
import { type Candidate, recommend } from './recommender.js';

const physics = [
  'quantum entanglement of photons',
  'qubit decoherence in superconducting circuits',
  'quantum error correction codes',
  'entangled qubit teleportation',
];
const vision = [
  'image segmentation with convolutional networks',
  'object detection in street images',
  'convolutional image classification',
  'video object tracking',
];
const docs: FeatureText[] = [...physics, ...vision].map((t, i) => ({ title: t, abstract: `${t}. Paper number ${i}.` }));
const space = buildFeatureSpace(docs);
const vectors = docs.map((d) => vectorize(space, d));
const candidates: Candidate[] = docs.map((_, i) => ({
  paperId: i + 1,
  vector: vectors[i]!,
  categories: i < 4 ? ['quant-ph'] : ['cs.CV'],
  authors: i === 6 ? ['Grace Hopper'] : ['Someone Else'],
  upvotes: i,
}));

describe('recommendations', () => {
  it('TF-IDF vectors are L2-normalised and sorted, and the same text gives the same features', () => {
    const v = vectorize(space, docs[0]!);
    expect(Math.hypot(...v.val)).toBeCloseTo(1, 5);
    expect([...v.idx]).toEqual([...v.idx].sort((a, b) => a - b));
    expect([...vectorize(space, docs[0]!).idx]).toEqual([...v.idx]);
  });

  it('a model trained on a few liked papers ranks unseen papers of the same topic first', () => {
    const model = trainLogistic({
      examples: [
        { x: vectors[0]!, y: 1 },
        { x: vectors[1]!, y: 1 },
        { x: vectors[4]!, y: 0 },
        { x: vectors[5]!, y: 0 },
      ],
    });
    const ranked = recommend({
      taste: { model, positives: 3, categories: [], followAuthors: [] },
      candidates,
      exclude: new Set([1, 2, 5, 6]),
      limit: 2,
    });
    expect(ranked.sort()).toEqual([3, 4]);
  });

  it('stored weights read back to the same scores', () => {
    const model = trainLogistic({
      examples: [
        { x: vectors[0]!, y: 1 },
        { x: vectors[4]!, y: 0 },
      ],
    });
    const restored = { weights: decodeWeights(encodeWeights(model.weights)), bias: model.bias };
    const a = scoreAll(model, vectors);
    const b = scoreAll(restored, vectors);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
  });

  it('cold start ranks chosen categories and followed authors, and recommends nothing without either', () => {
    const taste = { model: null, positives: 0, categories: ['cs.CV'], followAuthors: ['grace hopper'] };
    const ranked = recommend({ taste, candidates, exclude: new Set(), limit: 10 });
    expect(ranked[0]).toBe(7); // the followed author's paper, then the category by upvotes
    expect(ranked.slice(1)).toEqual([8, 6, 5]);
    expect(
      recommend({ taste: { ...taste, categories: [], followAuthors: [] }, candidates, exclude: new Set(), limit: 10 }),
    ).toEqual([]);
  });

  it('a model with too few positives falls back to the cold-start rules', () => {
    const model = trainLogistic({
      examples: [
        { x: vectors[4]!, y: 1 },
        { x: vectors[0]!, y: 0 },
      ],
    });
    const ranked = recommend({
      taste: { model, positives: 1, categories: ['quant-ph'], followAuthors: [] },
      candidates,
      exclude: new Set(),
      limit: 4,
    });
    expect(ranked.sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('explicit negatives ("not interested")', () => {
  // A reader of qubit papers, one of which teleports qubits with photons. Sampled negatives (vision papers) cannot
  // tell the model that photonics is not for them, so a photonics paper ranks first until they mark two as
  // "not interested".
  const text = (t: string) => ({ title: t, abstract: `${t}.` });
  const liked = [
    'teleporting qubits with entangled photons',
    'quantum error correction codes for qubits',
    'qubit decoherence in superconducting circuits',
  ].map(text);
  const sampled = ['image segmentation with convolutional networks', 'object detection in street images'].map(text);
  const marked = ['entangled photons from quantum dots', 'photons sources for entangled photons'].map(text);
  const photonics = text('teleporting entangled photons');
  const circuits = text('noise in superconducting circuits');
  const space2 = buildFeatureSpace([...liked, ...sampled, ...marked, photonics, circuits]);
  const v = (d: FeatureText) => vectorize(space2, d);
  const pool: Candidate[] = [photonics, circuits].map((d, i) => ({
    paperId: 100 + i,
    vector: v(d),
    categories: [],
    authors: [],
    upvotes: 0,
  }));
  const rank = (model: ReturnType<typeof trainLogistic>) =>
    recommend({
      taste: { model, positives: liked.length, categories: [], followAuthors: [] },
      candidates: pool,
      exclude: new Set(),
      limit: 2,
    });
  const positives = liked.map((d) => ({ x: v(d), y: 1 as const }));

  it('marking photonics papers moves the photonics candidate below the superconducting-circuits one', () => {
    const before = trainLogistic({ examples: [...positives, ...sampled.map((d) => ({ x: v(d), y: 0 as const }))] });
    const after = trainLogistic({ examples: [...positives, ...marked.map((d) => ({ x: v(d), y: 0 as const }))] });
    expect(rank(before)).toEqual([100, 101]);
    expect(rank(after)).toEqual([101, 100]);
    // The circuits paper shares no word with the marked papers: its score is not what moved.
    const [photonBefore, circuitsBefore] = scoreAll(
      before,
      pool.map((c) => c.vector),
    );
    const [photonAfter, circuitsAfter] = scoreAll(
      after,
      pool.map((c) => c.vector),
    );
    expect(photonAfter).toBeLessThan(photonBefore! - 0.2);
    expect(Math.abs(circuitsAfter! - circuitsBefore!)).toBeLessThan(0.1);
  });
});
