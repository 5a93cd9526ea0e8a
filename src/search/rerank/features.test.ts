import { describe, expect, it } from 'vitest';
import {
  bigramsOf,
  type CandidateTokens,
  containsRun,
  countBigrams,
  extractFeatures,
  FEATURE_NAMES,
  idfOf,
  smallestWindow,
  windowScore,
} from './features.js';
import { mixQuery, prfScores, rm3Expansion } from './prf.js';

const t = (s: string) => (s === '' ? [] : s.split(' '));
const term = (stem: string, idf = 1) => ({ stem, idf });

describe('proximity', () => {
  it('finds the smallest window holding every needed term', () => {
    // "a x x b x a b": the window "a b" at the end (2) beats "a x x b" (4).
    expect(smallestWindow(t('a x x b x a b'), new Set(['a', 'b']))).toBe(2);
    expect(smallestWindow(t('a x b x x c'), new Set(['a', 'b', 'c']))).toBe(6);
    expect(smallestWindow(t('c b a'), new Set(['a', 'c']))).toBe(3);
  });

  it('scores matched terms over window length, 0 below two matched terms', () => {
    expect(windowScore([term('a'), term('b'), term('z')], t('a x x b'))).toBeCloseTo(2 / 4);
    expect(windowScore([term('a'), term('b')], t('b a'))).toBe(1);
    expect(windowScore([term('a'), term('b')], t('a x a'))).toBe(0);
  });

  it('counts ordered bigrams only when adjacent in order, unordered within 8 tokens', () => {
    const bigrams = bigramsOf(t('state space model'));
    expect(bigrams).toEqual([
      ['state', 'space'],
      ['space', 'model'],
    ]);
    expect(countBigrams(bigrams, t('model space state'), 'ordered')).toBe(0);
    expect(countBigrams(bigrams, t('model space state'), 'unordered')).toBe(2);
    expect(countBigrams(bigrams, t('state space x model'), 'ordered')).toBe(1);
    // 8 apart is outside the window of 8 (positions 0 and 8).
    expect(countBigrams(bigrams, t('state x x x x x x x space'), 'unordered')).toBe(0);
    expect(countBigrams(bigrams, t('state x x x x x x space'), 'unordered')).toBe(1);
    // Nothing spans the field separator.
    expect(countBigrams(bigrams, ['state', '\u0000', 'space'], 'unordered')).toBe(0);
  });

  it('finds a phrase as consecutive tokens', () => {
    expect(containsRun(t('a b c d'), t('b c'))).toBe(true);
    expect(containsRun(t('a b x c'), t('b c'))).toBe(false);
  });
});

describe('extractFeatures', () => {
  it('computes every feature of two hand-checked candidates', () => {
    const query = { terms: [term('protein', 2), term('fold', 1)], sequence: t('protein fold') };
    const candidates: CandidateTokens[] = [
      { paperId: 1, score: 4, title: t('protein fold'), abstract: t('we study x protein') },
      { paperId: 2, score: 2, title: t('other thing'), abstract: t('fold x x protein') },
    ];
    const [a, b] = extractFeatures({ query, candidates, prfScores: [3, 1] });
    const f = (row: number[], name: (typeof FEATURE_NAMES)[number]) => row[FEATURE_NAMES.indexOf(name)];
    expect(a).toHaveLength(FEATURE_NAMES.length);
    expect(f(a!, 'bm25')).toBe(4);
    expect(f(b!, 'bm25Ratio')).toBe(0.5);
    expect(f(a!, 'logRank')).toBe(0);
    expect(f(b!, 'logRank')).toBeCloseTo(Math.log(2));
    // Titles are 2 tokens each (average 2): norm = k1 = 1.2, each tf 1 → idf · 2.2 / 2.2 = idf.
    expect(f(a!, 'titleBm25')).toBeCloseTo(3);
    expect(f(b!, 'titleBm25')).toBe(0);
    expect(f(a!, 'coverage')).toBe(1);
    expect(f(b!, 'coverage')).toBe(1);
    expect(f(a!, 'titleCoverage')).toBe(1);
    expect(f(b!, 'titleCoverageIdf')).toBe(0);
    // Candidate 1's abstract has only "protein": 2 of 3 idf.
    expect(f(a!, 'abstractCoverageIdf')).toBeCloseTo(2 / 3);
    // Candidate 1: both terms adjacent in the title → 2/2; candidate 2: "fold x x protein" → 2/4.
    expect(f(a!, 'minWindow')).toBe(1);
    expect(f(b!, 'minWindow')).toBe(0.5);
    expect(f(a!, 'orderedBigrams')).toBe(1);
    expect(f(b!, 'orderedBigrams')).toBe(0);
    expect(f(b!, 'unorderedBigrams')).toBe(1);
    expect(f(a!, 'exactPhrase')).toBe(1);
    expect(f(b!, 'exactPhrase')).toBe(0);
    expect(f(a!, 'titleHasAll')).toBe(1);
    expect(f(b!, 'titleHasAll')).toBe(0);
    expect(f(a!, 'logLength')).toBeCloseTo(Math.log(1 + 6));
    expect(f(a!, 'prfRatio')).toBe(1);
    expect(f(b!, 'prfRatio')).toBeCloseTo(1 / 3);
  });

  it('uses FTS5 BM25 idf', () => {
    expect(idfOf(10, 1000)).toBeCloseTo(Math.log(990.5 / 10.5));
    expect(idfOf(900, 1000)).toBe(1e-6);
  });
});

describe('RM3', () => {
  it('weights expansion terms by document share and in-document frequency', () => {
    const candidates: CandidateTokens[] = [
      { paperId: 1, score: 3, title: t('alpha'), abstract: t('alpha beta') },
      { paperId: 2, score: 1, title: t('gamma'), abstract: t('gamma') },
    ];
    // P(alpha) = 3/4 · 2/3 = 0.5, P(beta) = 3/4 · 1/3 = 0.25, P(gamma) = 1/4 · 1 = 0.25.
    const expansion = rm3Expansion({ candidates, settings: { docs: 2, terms: 2, lambda: 0.5 } });
    expect(expansion.map((e) => e.stem)).toEqual(['alpha', 'beta']);
    expect(expansion[0]!.weight).toBeCloseTo(0.5 / 0.75);
    const mixed = mixQuery({
      original: [term('beta')],
      expansion: expansion.map((e) => ({ ...e, idf: 1 })),
      lambda: 0.5,
    });
    expect(mixed.find((m) => m.stem === 'beta')!.weight).toBeCloseTo(0.5 + 0.5 * (0.25 / 0.75));
    const [s1, s2] = prfScores({ query: mixed, candidates });
    expect(s1).toBeGreaterThan(0);
    expect(s2).toBe(0);
  });
});

describe('contentWordsOf', () => {
  it('splits ASCII and other text exactly as the query parser does, stop words removed', async () => {
    const { splitWords } = await import('../query-parser.js');
    const { contentWordsOf } = await import('./terms.js');
    const { isStopWord } = await import('../stopwords.js');
    for (const text of [
      'The ODE-based model (v2.0) of the X-ray_band, 10-20% in H2O!',
      'Ünïcödé naïve café — déjà vu of Schrödinger’s cat, α-helix',
      `${'a'.repeat(150)} end`,
    ])
      expect(contentWordsOf(text)).toEqual(splitWords(text).filter((w) => !isStopWord(w)));
  });
});
