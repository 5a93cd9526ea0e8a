import { afterEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('keywords and summaries on $dialect', (factory) => {
  let store: Store;
  afterEach(async () => store?.close());

  async function twoPapers(name: string): Promise<[number, number]> {
    store = await factory.open(name);
    const papers = [makePaper(), makePaper()];
    await store.papers.upsertMany(papers);
    const stored = await Promise.all(papers.map((p) => store.papers.findByArxivId(p.arxivId)));
    return [stored[0]!.id, stored[1]!.id];
  }

  it('stores keywords per paper, replaces them, and reads a page of them at once', async () => {
    const [a, b] = await twoPapers('derived_keywords');
    await store.paperKeywords.put([
      { paperId: a, keywords: ['state space models', 'SSMs'], textHash: 'h1' },
      { paperId: b, keywords: ['LoRA'], textHash: 'h2' },
    ]);
    await store.paperKeywords.put([{ paperId: a, keywords: ['selective scan'], textHash: 'h3' }]);
    const read = await store.paperKeywords.forPapers([a, b, 999_999]);
    expect(read.get(a)).toEqual({ keywords: ['selective scan'], textHash: 'h3' });
    expect(read.get(b)).toEqual({ keywords: ['LoRA'], textHash: 'h2' });
    expect(read.has(999_999)).toBe(false);
    expect(await store.paperKeywords.count()).toBe(2);
    expect((await store.paperKeywords.forPapers([])).size).toBe(0);
  });

  it('stores one summary per paper, a refusal as a null summary with its reason', async () => {
    const [a, b] = await twoPapers('derived_summaries');
    await store.paperSummaries.put({ paperId: a, abstractHash: 'x', summary: 'Old.', model: 'm', error: null });
    await store.paperSummaries.put({ paperId: a, abstractHash: 'y', summary: 'New.', model: 'm2', error: null });
    await store.paperSummaries.put({ paperId: b, abstractHash: 'z', summary: null, model: 'm', error: 'HTTP 400' });
    const read = await store.paperSummaries.forPapers([a, b]);
    expect(read.get(a)).toEqual({ abstractHash: 'y', summary: 'New.', model: 'm2', error: null });
    expect(read.get(b)).toEqual({ abstractHash: 'z', summary: null, model: 'm', error: 'HTTP 400' });
    expect(await store.paperSummaries.count()).toEqual({ summaries: 1, refused: 1 });
  });

  it('moves the page version with every keyword and summary write, so cached pages show them', async () => {
    const [a] = await twoPapers('derived_page_version');
    let last = await store.changes.current();
    const grows = async (what: string, write: () => Promise<unknown>) => {
      await write();
      const next = await store.changes.current();
      expect(next, what).toBeGreaterThan(last);
      last = next;
    };
    await grows('new keywords', () => store.paperKeywords.put([{ paperId: a, keywords: ['x'], textHash: 'h' }]));
    await grows('replaced keywords', () => store.paperKeywords.put([{ paperId: a, keywords: ['y'], textHash: 'h' }]));
    await grows('a summary', () =>
      store.paperSummaries.put({ paperId: a, abstractHash: 'h', summary: 'S.', model: 'm', error: null }),
    );
    await store.paperKeywords.forPapers([a]);
    expect(await store.changes.current()).toBe(last);
  });
});
