import { describe, expect, it } from 'vitest';
import { documentedApp } from '../../../../test/api/openapi-validator.js';
import { makePaper } from '../../../../test/support/papers.js';
import { seedListed } from '../../../../test/support/seed.js';
import { abstractHash } from '../../../core/text-hash.js';
import type { Store } from '../../../store/store.js';

/** The URL of the Link header's rel="next", as huggingface_hub's paginate() reads it; null when there is none. */
function nextLink(header: unknown): string | null {
  const match = /<([^>]+)>;\s*rel="next"/.exec(String(header ?? ''));
  return match ? new URL(match[1]!).pathname + new URL(match[1]!).search : null;
}

let store: Store;

describe('the rest of the Hugging Face API', () => {
  const fixture = documentedApp({
    seed: async (s) => {
      store = s;
      // 23 papers; five share one publication time, so the cursor must break ties.
      const papers = Array.from({ length: 23 }, (_, i) =>
        makePaper({
          arxivId: `2406.${String(100 + i).padStart(5, '0')}`,
          title: `Graph sparsification number ${i}`,
          abstract: `Graph sparsification keeps cuts. Spectral graph sparsification ${i}.`,
          publishedAt:
            i < 5
              ? '2024-06-01T00:00:00.000Z'
              : `2024-06-${String(2 + (i % 20)).padStart(2, '0')}T0${i % 10}:00:00.000Z`,
        }),
      );
      await s.papers.upsertMany(papers);
      await seedListed(s, [{ day: '2024-06-30', paper: { arxivId: '2406.99999', title: 'Listed with comments' } }]);
      const listed = (await s.papers.findByArxivId('2406.99999'))!;
      const userId = await s.users.create({ username: 'commenter' });
      for (const body of ['first', 'second'])
        await s.comments.create({
          paperId: listed.id,
          userId,
          parentId: null,
          body,
          createdAt: '2024-06-30T13:00:00Z',
        });
      await s.paperKeywords.put([
        { paperId: listed.id, keywords: ['comment threads', 'listing'], textHash: 'stale-hash' },
      ]);
      await s.paperSummaries.put({
        paperId: listed.id,
        abstractHash: abstractHash(listed),
        summary: 'A listed paper people talk about.',
        model: 'fake-chat',
        error: null,
      });
    },
  });
  const { get } = fixture;

  it('walks GET /api/papers by its Link header to the same list as one big page, each paper once', async () => {
    const full = (await get('/api/papers?limit=100')).json() as Array<{ id: string; publishedAt: string }>;
    expect(full).toHaveLength(24);
    const sorted = [...full].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    expect(full.map((p) => p.publishedAt)).toEqual(sorted.map((p) => p.publishedAt));
    const walked: string[] = [];
    let url: string | null = '/api/papers?limit=5';
    let pages = 0;
    while (url) {
      const res = await get(url);
      walked.push(...(res.json() as Array<{ id: string }>).map((p) => p.id));
      url = nextLink(res.headers.link);
      pages++;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(5);
    expect(walked).toEqual(full.map((p) => p.id));
  });

  it('keeps a walk whole while new papers arrive, and refuses a cursor it never gave out', async () => {
    const first = await get('/api/papers?limit=10');
    const seen = (first.json() as Array<{ id: string }>).map((p) => p.id);
    await store.papers.upsertMany([makePaper({ arxivId: '2407.00001', publishedAt: '2024-07-01T00:00:00.000Z' })]);
    let url = nextLink(first.headers.link);
    while (url) {
      const res = await get(url);
      seen.push(...(res.json() as Array<{ id: string }>).map((p) => p.id));
      url = nextLink(res.headers.link);
    }
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect(seen).not.toContain('2407.00001');
    for (const bad of ['nonsense', Buffer.from('[1,2]').toString('base64url')]) {
      const res = await get(`/api/papers?cursor=${bad}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('papers.invalid_cursor');
    }
  });

  it('fills numComments, ai_summary and ai_summary_model from this site, and leaves out stale keywords', async () => {
    const detail = (await get('/api/papers/2406.99999')).json();
    expect(detail).toMatchObject({
      numComments: 2,
      ai_summary: 'A listed paper people talk about.',
      ai_summary_model: 'fake-chat',
    });
    expect(detail).not.toHaveProperty('ai_keywords');
    const [item] = (await get('/api/daily_papers?date=2024-06-30')).json();
    expect(item).toMatchObject({ numComments: 2, paper: { ai_summary: 'A listed paper people talk about.' } });
  });

  it('answers Markdown to Accept: text/markdown on the paper API and the paper page, and HTML/JSON otherwise', async () => {
    const { app } = fixture;
    // Anonymous requests are cached by URL: the HTML answer first, so a cache keyed on the URL alone would fail.
    const html = await app.inject('/papers/2406.99999');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(String(html.headers.vary)).toMatch(/Accept(,|$)/);
    for (const url of ['/papers/2406.99999', '/api/papers/2406.99999']) {
      const md = await app.inject({ url, headers: { accept: 'text/markdown' } });
      expect(md.statusCode, url).toBe(200);
      expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(md.body).toMatch(/^# Listed with comments\n/);
      expect(String(md.headers.vary)).toContain('Accept');
    }
    const browser = await app.inject({ url: '/papers/2406.99999', headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(browser.headers['content-type']).toMatch(/^text\/html/);
    const json = await app.inject({
      url: '/api/papers/2406.99999',
      headers: { accept: 'application/json, text/markdown;q=0.5' },
    });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const missing = await app.inject({ url: '/api/papers/2406.88888', headers: { accept: 'text/markdown' } });
    expect(missing.statusCode).toBe(404);
  });
});

describe('HF search limit', () => {
  const { get } = documentedApp({
    seed: async (s) => {
      await s.papers.upsertMany(
        Array.from({ length: 125 }, (_, i) =>
          makePaper({ arxivId: `2408.${String(100 + i).padStart(5, '0')}`, title: `Quasicrystal tiling ${i}` }),
        ),
      );
    },
  });

  it('answers up to 120 hits, as huggingface.co does, and treats more as 120', async () => {
    expect((await get('/api/papers/search?q=quasicrystal&limit=120')).json()).toHaveLength(120);
    expect((await get('/api/papers/search?q=quasicrystal&limit=500')).json()).toHaveLength(120);
  });
});
