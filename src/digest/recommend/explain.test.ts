import { describe, expect, it } from 'vitest';
import { cosine, explainRecommendation, weightLookup } from './explain.js';
import { buildFeatureSpace, vectorize } from './features.js';
import { trainLogistic } from './linear-model.js';

const doc = (title: string, abstract = '') => ({ title, abstract });
const liked = [doc('Surface codes for quantum error correction'), doc('Graph neural networks for molecules')];
const candidate = doc('Decoding surface codes quickly', 'Surface codes protect qubits from noise.');
const other = doc('Street image segmentation');
const space = buildFeatureSpace([...liked, candidate, other]);
const v = (d: { title: string; abstract: string }) => vectorize(space, d);

describe('why a paper is recommended', () => {
  it('names the liked paper with the most shared weighted words, and the candidate’s strongest own words', () => {
    const model = trainLogistic({
      examples: [
        { x: v(liked[0]!), y: 1 },
        { x: v(liked[1]!), y: 1 },
        { x: v(other), y: 0 },
      ],
    });
    const why = explainRecommendation({
      paperId: 3,
      text: candidate,
      vector: v(candidate),
      weights: weightLookup(model),
      liked: liked.map((d, i) => ({
        paper: d.title,
        paperId: i + 1,
        kind: i === 0 ? 'collection' : 'upvote',
        vector: v(d),
      })),
    });
    expect(why.because).toEqual({ paper: 'Surface codes for quantum error correction', kind: 'collection' });
    // Only words the liked paper taught the model can weigh for the candidate; "surface codes" is the phrase.
    expect(why.terms[0]).toMatch(/surface|codes/);
    for (const t of why.terms) expect(`${candidate.title} ${candidate.abstract}`.toLowerCase()).toContain(t);
    expect(why.terms.join(' ')).not.toMatch(/decoding|quickly|noise/);
  });

  it('without a model names no terms, and a paper sharing no word with any liked one has no "because"', () => {
    const why = explainRecommendation({
      paperId: 9,
      text: other,
      vector: v(other),
      weights: weightLookup(null),
      liked: liked.map((d, i) => ({ paper: d.title, paperId: i + 1, kind: 'upvote' as const, vector: v(d) })),
    });
    expect(why).toEqual({ because: null, terms: [] });
    expect(cosine(v(candidate), v(candidate))).toBeCloseTo(1, 5);
  });
});
