import { describe, expect, it } from 'vitest';
import {
  buildTermVectors,
  chooseVocabulary,
  cosine,
  neighbourLookup,
  ppmiMatrix,
  softMatch,
  symmetricEigen,
} from './term-association.js';

const entry = (m: ReturnType<typeof ppmiMatrix>, a: number, b: number) => {
  for (let k = m.rowStart[a]!; k < m.rowStart[a + 1]!; k++) if (m.cols[k] === b) return m.values[k]!;
  return 0;
};

describe('term association', () => {
  it('keeps terms by document frequency, dropping the rare and the very common', () => {
    const docs = [
      ['the', 'cell', 'x'],
      ['the', 'cell'],
      ['the', 'gene'],
    ];
    const vocab = chooseVocabulary(docs, { maxTerms: 10, minDf: 2, maxDfShare: 0.7 });
    // "the" is in 3 of 3 papers (> 0.7 · 3 = 2.1 → floor 2), "x" and "gene" in one.
    expect([...vocab.keys()]).toEqual(['cell']);
  });

  it('computes PPMI by hand on a two-paper corpus', () => {
    // Window 1: pairs (a,b) and (a,c), each counted both ways. Row sums a 2, b 1, c 1 (total 4);
    // smoothed contexts a 2^0.75, b 1, c 1. PMI(a→b) = log((1/4) / (2/4 · 1/(2^0.75 + 2))) and
    // PMI(b→a) = log((1/4) / (1/4 · 2^0.75/(2^0.75 + 2))); the matrix holds their mean.
    const m = ppmiMatrix(
      [
        ['a', 'b'],
        ['a', 'c'],
      ],
      new Map([
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ]),
      1,
    );
    const c = 2 ** 0.75 + 2;
    const expected = (Math.log(0.5 * c) + Math.log(c / 2 ** 0.75)) / 2;
    expect(entry(m, 0, 1)).toBeCloseTo(expected, 10);
    expect(entry(m, 1, 0)).toBeCloseTo(expected, 10);
    expect(entry(m, 1, 2)).toBe(0);
  });

  it('finds the eigenvalues of a small symmetric matrix', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect([...values].sort((a, b) => a - b).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 3, 5]);
  });

  it('gives terms used in the same contexts close vectors, and soft-matches them', () => {
    // "mortal" and "death" never meet, but both sit between "patient" and "rate"; "quark" lives elsewhere.
    const docs: string[][] = [];
    for (let i = 0; i < 30; i++) {
      docs.push(['patient', i % 2 ? 'mortal' : 'death', 'rate', 'hospit', 'filler']);
      docs.push(['quark', 'gluon', 'plasma', 'collid', 'filler']);
    }
    const v = buildTermVectors(docs, {
      maxTerms: 100,
      minDf: 2,
      maxDfShare: 0.6,
      window: 2,
      dims: 4,
      iterations: 4,
      seed: 1,
    });
    expect(v.index.has('filler')).toBe(false); // in every paper
    expect(cosine(v, 'mortal', 'death')).toBeGreaterThan(0.9);
    expect(Math.abs(cosine(v, 'mortal', 'quark'))).toBeLessThan(0.2);
    const near = neighbourLookup(v, { top: 3, minCosine: 0.5 });
    expect([...(near('mortal')?.keys() ?? [])]).toContain('death');
    const terms = [
      { stem: 'mortal', idf: 3 },
      { stem: 'rate', idf: 1 },
    ];
    // "rate" matches exactly (counts 0 here), "mortal" only through "death".
    const s = softMatch(terms, new Set(['death', 'rate']), near);
    expect(s).toBeCloseTo((3 * cosine(v, 'mortal', 'death')) / 4, 5);
    expect(softMatch(terms, new Set(['quark', 'rate']), near)).toBe(0);
  });

  it('soft-matches by hand through a given table', () => {
    const table = new Map([['a', new Map([['x', 0.8]])]]);
    const lookup = (t: string) => table.get(t);
    const terms = [
      { stem: 'a', idf: 2 },
      { stem: 'b', idf: 2 },
    ];
    expect(softMatch(terms, new Set(['x']), lookup)).toBeCloseTo(0.4, 10);
    expect(softMatch(terms, new Set(['a', 'x']), lookup)).toBe(0);
    expect(softMatch([], new Set(['x']), lookup)).toBe(0);
  });
});
