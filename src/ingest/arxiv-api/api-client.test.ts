import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArxiv, recordedApiIds, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { createPoliteFetcher } from '../http/polite-fetcher.js';
import { createArxivApiClient } from './api-client.js';
import { ArxivApiError, ArxivApiParseError, InvalidArxivIdsError } from './errors.js';

let fake: FakeArxiv;
afterEach(() => fake.close());

async function client(opts: { apiPageSize?: number } = {}) {
  fake = await startFakeArxiv(opts);
  const fetcher = createPoliteFetcher({
    userAgent: 'test (+mailto:ops@example.org)',
    minDelayMs: 1,
    timeoutMs: 2000,
    maxRetries: 0,
  });
  return createArxivApiClient({ fetcher, baseUrl: fake.apiUrl });
}

const idLists = () => fake.requests.map((r) => (r.query.id_list ?? '').split(','));

describe('createArxivApiClient', () => {
  it('accepts versioned ids, old-style ids, arXiv: prefixes and abs/pdf URLs, and asks once per paper', async () => {
    const api = await client();
    const papers = await api.fetchPapers([
      'https://arxiv.org/abs/1605.08386v1',
      'arXiv:1707.08567',
      'astro-ph/0601001',
      'http://arxiv.org/pdf/quant-ph/0201082v1',
      '1605.08386',
      '2104.12255v1',
    ]);
    expect(idLists()).toEqual([['1605.08386', '1707.08567', 'astro-ph/0601001', 'quant-ph/0201082', '2104.12255']]);
    expect(papers.map((p) => p.arxivId)).toEqual([
      '1605.08386',
      '1707.08567',
      'astro-ph/0601001',
      'quant-ph/0201082',
      '2104.12255',
    ]);
  });

  it('batches 250 ids into 3 id_list requests of at most 100', async () => {
    const api = await client();
    const known = recordedApiIds();
    // Real recorded ids first, then well-formed ids arXiv would answer with nothing (like the recorded 0000.0000).
    const unknown = Array.from({ length: 250 - known.length }, (_, i) => `2501.${String(90000 + i)}`);
    const papers = await api.fetchPapers([...known, ...unknown]);
    expect(fake.requests).toHaveLength(3);
    expect(idLists().map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(new Set(idLists().flat()).size).toBe(250);
    expect(papers.map((p) => p.arxivId)).toEqual(known);
  });

  it('pages with start when a response holds fewer entries than it reports', async () => {
    const api = await client({ apiPageSize: 2 });
    const ids = recordedApiIds().slice(0, 5);
    const papers = await api.fetchPapers(ids);
    expect(papers.map((p) => p.arxivId)).toEqual(ids);
    expect(fake.requests.map((r) => r.query.start)).toEqual(['0', '2', '4']);
  });

  it('returns an empty list for ids arXiv does not know', async () => {
    const api = await client();
    expect(await api.fetchPapers(['0808.05394'])).toEqual([]);
  });

  it('rejects invalid inputs up front, listing them, without a request', async () => {
    const api = await client();
    const error = await api.fetchPapers(['1605.08386', 'abc', 'https://example.org/x']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArxivIdsError);
    expect(error).toMatchObject({ invalid: ['abc', 'https://example.org/x'], code: 'arxiv.invalid_ids', status: 400 });
    expect(fake.requests).toHaveLength(0);
  });

  it("turns arXiv's HTTP 400 error feed into an ArxivApiError with arXiv's message", async () => {
    const api = await client();
    fake.script({ kind: 'api-error' });
    await expect(api.fetchPapers(['1605.08386'])).rejects.toThrow(ArxivApiError);
    fake.script({ kind: 'api-error' });
    await expect(api.fetchPapers(['1605.08386'])).rejects.toThrow('incorrect id format for abc');
  });

  it('rejects a truncated or non-XML answer with an ArxivApiParseError naming the URL', async () => {
    const api = await client();
    fake.script({ kind: 'truncated' }, { kind: 'wrong-content-type' });
    await expect(api.fetchPapers(['1605.08386'])).rejects.toThrow(ArxivApiParseError);
    await expect(api.fetchPapers(['1605.08386'])).rejects.toThrow(/from http:\/\/127\.0\.0\.1.*got text\/html/);
  });
});
