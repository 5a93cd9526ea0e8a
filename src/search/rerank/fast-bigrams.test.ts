import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readCorpus, readQueries } from '../eval/load.js';
import { applySchema } from '../index-schema.js';
import { parseSearchQuery } from '../query-parser.js';
import { createTermStats } from '../term-stats.js';
import { orderedBigramShare } from './fast-bigrams.js';
import { bigramsOf, countBigrams } from './features.js';
import { queryStems, textStems } from './terms.js';

const SCIFACT = fileURLToPath(new URL('../../../../shared/data/beir-scifact', import.meta.url));

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

  it('equals the full-token feature on real SciFact claims and abstracts', { timeout: 120_000 }, () => {
    const docs = readCorpus(SCIFACT).slice(0, 400);
    const claims = [...readQueries(SCIFACT).values()].slice(0, 60);
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
