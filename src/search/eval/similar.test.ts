import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateSimilar } from './similar.js';

const CSFCUBE = fileURLToPath(new URL('../../../../shared/data/csfcube', import.meta.url));

describe('similar-papers evaluation on CSFCube', () => {
  it('reaches the 0.50 target (plain BM25 pool baseline 0.469) over all 50 query facets', async () => {
    const m = await evaluateSimilar({ datasetDir: CSFCUBE });
    expect(m.queries).toBe(50);
    expect(Object.keys(m.byFacet).sort()).toEqual(['background', 'method', 'result']);
    expect(m['ndcg@20']).toBeGreaterThanOrEqual(0.5);
  });
});
