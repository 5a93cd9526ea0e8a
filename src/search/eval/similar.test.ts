import { describe, expect, it } from 'vitest';
import { outsideData } from '../../../test/support/fixtures.js';
import { evaluateSimilar } from './similar.js';

// An evaluation: CSFCube is CC BY-NC 4.0, so it is never copied into the repository; it is read from ../shared/data.
const CSFCUBE_DATA = outsideData('csfcube');
const CSFCUBE = CSFCUBE_DATA.path;

describe.skipIf(CSFCUBE_DATA.missing)(`similar-papers evaluation on CSFCube (${CSFCUBE_DATA.reason})`, () => {
  it('reaches the 0.50 target (plain BM25 pool baseline 0.469) over all 50 query facets', {
    timeout: 300_000,
  }, async () => {
    const m = await evaluateSimilar({ datasetDir: CSFCUBE });
    expect(m.queries).toBe(50);
    expect(Object.keys(m.byFacet).sort()).toEqual(['background', 'method', 'result']);
    expect(m['ndcg@20']).toBeGreaterThanOrEqual(0.5);
  });
});
