import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSyntheticCorpus, loadArxivSamples, sentenceQueries, titlePhraseQueries } from './synthetic.js';

const DATA = fileURLToPath(new URL('../../../../shared/data', import.meta.url));

describe('synthetic benchmark corpus', () => {
  const samples = loadArxivSamples({ dataDir: DATA });

  it('reads the real arXiv samples', () => {
    expect(samples.titles.length).toBeGreaterThan(4000);
    expect(samples.abstracts.length).toBe(samples.titles.length);
    expect(samples.authors.length).toBeGreaterThan(1000);
  });

  it('produces the same papers and queries for the same seed', () => {
    const a = [...createSyntheticCorpus({ samples, seed: 5 })(50)];
    const b = [...createSyntheticCorpus({ samples, seed: 5 })(50)];
    const c = [...createSyntheticCorpus({ samples, seed: 6 })(50)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.map((d) => d.changeSeq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(titlePhraseQueries({ samples, count: 20, seed: 1 })).toEqual(
      titlePhraseQueries({ samples, count: 20, seed: 1 }),
    );
    for (const q of sentenceQueries({ samples, count: 20, seed: 1 }))
      expect(q.split(' ').length).toBeGreaterThanOrEqual(8);
  });
});
