import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { samplePapers } from '../../../test/support/sample-papers.js';
import { applySchema } from '../index-schema.js';
import { parseSearchQuery } from '../query-parser.js';
import { createTermStats } from '../term-stats.js';
import { orderedBigramShare } from './fast-bigrams.js';
import { bigramsOf, countBigrams } from './features.js';
import { queryStems, textStems } from './terms.js';

describe('orderedBigramShare', () => {
  const db = new Database(':memory:');
  applySchema(db);
  const stats = createTermStats(db);

  it('finds adjacent content words in order, skipping stop words, never across texts', () => {
    const bigrams = bigramsOf(queryStems(parseSearchQuery('protein folding rates'), stats));
    expect(orderedBigramShare(['Rates of protein folding.'], bigrams, stats)).toBe(0.5);
    expect(orderedBigramShare(['the protein, the folding rate'], bigrams, stats)).toBe(1);
    expect(orderedBigramShare(['folding protein'], bigrams, stats)).toBe(0);
    expect(orderedBigramShare(['a protein', 'folding b'], bigrams, stats)).toBe(0);
    // "proteins" stems to "protein"; "proteinase" does not.
    expect(orderedBigramShare(['proteins folded'], bigrams, stats)).toBe(0.5);
    expect(orderedBigramShare(['proteinase folding'], bigrams, stats)).toBe(0);
  });

  it('equals the full-token feature on real arXiv titles and abstracts', { timeout: 120_000 }, () => {
    // Real text from the CC0 Kaggle sample in test/fixtures; each title also serves as a query (so the first 40
    // queries meet their own paper among the documents).
    const docs = samplePapers().map((p) => ({ _id: p.arxivId, title: p.title, text: p.abstract }));
    const claims = docs.slice(0, 60).map((d) => ({ _id: d._id, text: d.title.replace(/\s+/g, ' ') }));
    let compared = 0;
    let nonZero = 0;
    for (const claim of claims) {
      const bigrams = bigramsOf(queryStems(parseSearchQuery(claim.text), stats));
      for (const d of docs
        .slice(0, 40)
        .concat(docs.filter((x) => x.text.includes(claim.text.split(' ')[0]!)).slice(0, 10))) {
        const both = [...textStems(d.title, stats), '\u0000', ...textStems(d.text, stats)];
        const full = bigrams.length > 0 ? countBigrams(bigrams, both, 'ordered') / bigrams.length : 0;
        expect(orderedBigramShare([d.title, d.text], bigrams, stats), `${claim._id} ${d._id}`).toBeCloseTo(full, 12);
        compared++;
        if (full > 0) nonZero++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
    expect(nonZero).toBeGreaterThan(30);
  });
});
