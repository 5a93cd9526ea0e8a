import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

// The lookups behind citation import, on both dialects: by arXiv id, and by DOI whatever its case.
describe.each(storeFactories)('papers by bibliography identifiers on $dialect', (factory) => {
  let store: Store;

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    await store.papers.upsertMany([
      makePaper({ arxivId: '2401.70001', doi: '10.1000/ABC.Def' }),
      makePaper({ arxivId: 'hep-th/9901001', doi: null }),
      makePaper({ arxivId: '2401.70003', doi: '10.1000/other' }),
    ]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('finds papers by bare arXiv ids, old style included, and ignores unknown ones', async () => {
    const found = await store.citations.findByArxivIds(['hep-th/9901001', '2401.70001', '2401.79999']);
    expect(found.map((p) => p.arxivId).sort()).toEqual(['2401.70001', 'hep-th/9901001']);
    expect(await store.citations.findByArxivIds([])).toEqual([]);
  });

  it('finds papers by lower-cased DOIs, whatever the case the store keeps', async () => {
    const found = await store.citations.findByDois(['10.1000/abc.def', '10.1000/none']);
    expect(found.map((p) => [p.arxivId, p.doi])).toEqual([['2401.70001', '10.1000/ABC.Def']]);
    expect(await store.citations.findByDois([])).toEqual([]);
  });
});
