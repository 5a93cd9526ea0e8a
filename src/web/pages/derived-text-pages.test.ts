import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { abstractHash } from '../../core/text-hash.js';
import { refreshKeywords } from '../../keywords/keywords.usecases.js';
import type { Services } from '../../services.js';
import { openStore, type Store } from '../../store/store.js';

const TOPICS = ['speculative decoding', 'flow matching', 'sparse attention', 'reward hacking'];

describe('keywords and summaries on cards and paper pages', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let ids: number[];

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ids = await seedListed(
      store,
      Array.from({ length: 24 }, (_, i) => ({
        day: '2024-05-01',
        paper: {
          arxivId: `2405.${String(100 + i).padStart(5, '0')}`,
          title: `Faster ${TOPICS[i % 4]} ${i}`,
          abstract: `We make ${TOPICS[i % 4]} faster for language models. ${TOPICS[i % 4]} matters.`,
        },
      })),
    );
    ({ app, services } = await buildTestApp({ store }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('the cached daily page shows keyword chips once the job wrote them, each searching for its phrase', async () => {
    const before = await app.inject('/papers?date=2024-05-01');
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('keyword-chips');
    await refreshKeywords({ store, index: services.search });
    const after = await app.inject('/papers?date=2024-05-01');
    expect(after.body).toContain('class="chip-list keyword-chips"');
    const href = `/search?${new URLSearchParams({ q: '"speculative decoding"' })}`.replace(/&/g, '&amp;');
    expect(after.body).toContain(`href="${href}"`);
    const search = await app.inject(`/search?${new URLSearchParams({ q: '"speculative decoding"' })}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('/papers/2405.00100');
    expect(search.body).not.toContain('/papers/2405.00101"');
  });

  it('the paper page shows every keyword and the summary of its current abstract, escaped', async () => {
    await refreshKeywords({ store, index: services.search });
    const paper = (await store.papers.findByIds([ids[1]!]))[0]!;
    await store.paperSummaries.put({
      paperId: paper.id,
      abstractHash: abstractHash(paper),
      summary: 'Flow matching gets <b>faster</b>.',
      model: 'fake',
      error: null,
    });
    const res = await app.inject(`/papers/${paper.arxivId}`);
    expect(res.body).toContain('Flow matching gets &lt;b&gt;faster&lt;/b&gt;.');
    expect(res.body).toContain('>flow matching</a>');
    // A summary of an older abstract is not shown.
    await store.paperSummaries.put({
      paperId: paper.id,
      abstractHash: 'stale',
      summary: 'Stale summary.',
      model: 'fake',
      error: null,
    });
    expect((await app.inject(`/papers/${paper.arxivId}`)).body).not.toContain('Stale summary.');
  });
});
