import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideData } from '../../../test/support/fixtures.js';
import { createSyntheticCorpus, loadArxivSamples, sentenceQueries, titlePhraseQueries } from './synthetic.js';

// The benchmarks' corpus generator reads all of ../shared/data's arXiv samples (3.4 MB of them without a stated
// licence), so its test reads them there too, like the benchmarks themselves.
const DATA = outsideData('arxiv-quantph-oaidc-processed');

describe.skipIf(DATA.missing)(`synthetic benchmark corpus (${DATA.reason})`, () => {
  const samples = DATA.missing ? null! : loadArxivSamples({ dataDir: path.dirname(DATA.path) });

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
