import { afterEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('papers newest first on $dialect', (factory) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('pages by (published_at, id) with ties broken by id, each paper once', async () => {
    store = await factory.open('papers_browse');
    const times = [
      '2024-03-01T00:00:00.000Z',
      '2024-03-02T12:30:00.000Z',
      '2024-03-02T12:30:00.000Z',
      '2024-02-28T23:59:59.000Z',
    ];
    await store.papers.upsertMany(times.flatMap((t) => [makePaper({ publishedAt: t }), makePaper({ publishedAt: t })]));
    const all = await store.papersBrowse.newestFirst({ after: null, limit: 100 });
    expect(all).toHaveLength(8);
    const walked = [];
    let after: { publishedAt: string; id: number } | null = null;
    for (;;) {
      const page = await store.papersBrowse.newestFirst({ after, limit: 3 });
      if (page.length === 0) break;
      walked.push(...page);
      after = { publishedAt: page.at(-1)!.publishedAt, id: page.at(-1)!.id };
    }
    expect(walked.map((p) => p.id)).toEqual(all.map((p) => p.id));
    const keys = all.map((p) => `${p.publishedAt} ${String(p.id).padStart(10, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });
});
