import { describe, expect, it } from 'vitest';
import { documentedApp } from '../../../../test/api/openapi-validator.js';
import { makePaper } from '../../../../test/support/papers.js';
import { seedListed } from '../../../../test/support/seed.js';

function decodeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return text.replace(/&(?:#(\d+)|([a-z]+));/g, (_m, code: string | undefined, name: string | undefined) =>
    code ? String.fromCodePoint(Number(code)) : (named[name!] ?? _m),
  );
}

describe('GET /api/papers/search (Hugging Face compatible)', () => {
  const { get } = documentedApp({
    seed: async (store) => {
      await seedListed(store, [
        { day: '2024-05-01', upvotes: 4, paper: { arxivId: '2407.21783', title: 'The Llama 3 Herd of Models' } },
        { day: '2024-05-01', paper: { arxivId: '2405.00002', title: 'Fine-tuning Llama on <code> & math' } },
      ]);
      await store.papers.upsertMany([
        makePaper({ arxivId: '2405.00003', title: 'Llama guard for safety' }),
        makePaper({ arxivId: '2405.00004', title: 'Graph neural networks', abstract: 'Message passing on graphs.' }),
      ]);
    },
  });

  it('finds papers by keyword as items huggingface_hub parses, with highlighted fragments', async () => {
    const res = await get('/api/papers/search?q=llama');
    expect(res.statusCode).toBe(200);
    const items = res.json() as Array<{
      title: string;
      highlightedTitle: string;
      highlightedSummary: unknown;
      paper: { id: string; upvotes: number };
      submittedBy: { name: string };
    }>;
    expect(items.map((i) => i.paper.id).sort()).toEqual(['2405.00002', '2405.00003', '2407.21783']);
    const herd = items.find((i) => i.paper.id === '2407.21783')!;
    expect(herd.title).toBe('The Llama 3 Herd of Models');
    expect(herd.highlightedTitle).toBe('The <mark>Llama</mark> 3 Herd of Models');
    expect(typeof herd.highlightedSummary).toBe('string');
    expect(herd.paper.upvotes).toBe(4);
    expect(herd.submittedBy.name).toBe('arxiv');
    const escaped = items.find((i) => i.paper.id === '2405.00002')!;
    // Escaped HTML: only <mark> is markup, and the text decodes back to the title.
    expect(escaped.highlightedTitle).not.toContain('<code>');
    expect(decodeHtml(escaped.highlightedTitle.replace(/<\/?mark>/g, ''))).toBe('Fine-tuning Llama on <code> & math');
  });

  it('gives papers that were never listed no submitter and no listing day', async () => {
    const items = (await get('/api/papers/search?q=guard')).json();
    expect(items).toHaveLength(1);
    expect(items[0]).not.toHaveProperty('submittedBy');
    expect(items[0].paper).not.toHaveProperty('submittedOnDailyAt');
  });

  it('returns exactly `limit` items when more match', async () => {
    expect((await get('/api/papers/search?q=llama&limit=2')).json()).toHaveLength(2);
  });

  it('answers [] when nothing matches and 400 without a query', async () => {
    expect((await get('/api/papers/search?q=zzzyzzx')).json()).toEqual([]);
    for (const url of ['/api/papers/search', '/api/papers/search?q=']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('request.invalid');
    }
  });
});
