import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeArxiv, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { ArxivHttpError, ArxivNetworkError, ArxivTimeoutError } from './errors.js';
import { createPoliteFetcher, type PoliteFetcherOptions } from './polite-fetcher.js';
import { abortableSleep } from './retry-policy.js';

const USER_AGENT = 'dailypapers-test/0.1 (+mailto:ops@example.org)';
let fake: FakeArxiv;

beforeEach(async () => {
  fake = await startFakeArxiv();
});
afterEach(() => fake.close());

function fetcherWith(overrides: Partial<PoliteFetcherOptions> = {}) {
  const waits: number[] = [];
  const fetcher = createPoliteFetcher({
    userAgent: USER_AGENT,
    minDelayMs: 20,
    timeoutMs: 2000,
    maxRetries: 2,
    maxRetryAfterMs: 40,
    backoffBaseMs: 5,
    sleep: (ms, signal) => {
      waits.push(ms);
      return abortableSleep(ms, signal);
    },
    ...overrides,
  });
  return { fetcher, waits };
}

describe('createPoliteFetcher', () => {
  it("sends the operator's User-Agent and returns status, body and content type", async () => {
    const { fetcher } = fetcherWith();
    const res = await fetcher.fetchText(`${fake.oaiUrl}?verb=ListRecords&metadataPrefix=arXivRaw`);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/xml');
    expect(res.body).toContain('<identifier>oai:arXiv.org:0704.0471</identifier>');
    expect(fake.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('refuses a User-Agent without a contact address', () => {
    expect(() => createPoliteFetcher({ userAgent: 'dailypapers', minDelayMs: 0, timeoutMs: 1, maxRetries: 0 })).toThrow(
      /contact/,
    );
  });

  it('pauses between consecutive requests, also when they are fired at once', async () => {
    // The sleep only records: a minute-long pause keeps the test deterministic without waiting for it.
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const { fetcher } = fetcherWith({ minDelayMs: 60_000, sleep });
    await Promise.all([fetcher.fetchText(`${fake.listingUrl}/cs.CL`), fetcher.fetchText(`${fake.listingUrl}/cs.LG`)]);
    expect(fake.requests.map((r) => r.path)).toEqual(['/rss/cs.CL', '/rss/cs.LG']);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(50_000);
    expect(waits[0]).toBeLessThanOrEqual(60_000);
  });

  it("obeys arXiv's recorded 503 Retry-After (cut to the cap) and then succeeds", async () => {
    const retries: Array<{ waitMs: number; reason: string }> = [];
    const { fetcher, waits } = fetcherWith({ minDelayMs: 0, onRetry: (r) => retries.push(r) });
    fake.script({ kind: 'retry-after' });
    const res = await fetcher.fetchText(`${fake.oaiUrl}?verb=ListRecords&metadataPrefix=arXiv`);
    expect(res.body).toContain('oai:arXiv.org:1412.8544');
    expect(fake.requests).toHaveLength(2);
    // Retry-After: 10 (seconds) asked for 10 000 ms; the cap of 40 ms applies.
    expect(retries).toEqual([{ url: expect.any(String), attempt: 1, waitMs: 40, reason: 'HTTP 503' }]);
    expect(waits).toContain(40);
  });

  it('retries a connection reset mid-body and returns the complete second answer', async () => {
    const { fetcher } = fetcherWith();
    fake.script({ kind: 'reset' });
    const res = await fetcher.fetchText(`${fake.oaiUrl}?verb=ListRecords&metadataPrefix=arXivRaw`);
    expect(res.body.trimEnd().endsWith('</OAI-PMH>')).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up on persistent 5xx after maxRetries with an ArxivHttpError naming status and URL', async () => {
    const { fetcher } = fetcherWith({ maxRetries: 1 });
    fake.script({ kind: 'status', status: 502 }, { kind: 'status', status: 502 });
    const url = `${fake.listingUrl}/cs.CL`;
    const error = await fetcher.fetchText(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivHttpError);
    expect(error).toMatchObject({ status: 502, url, code: 'arxiv.http_error' });
    expect(fake.requests).toHaveLength(2);
  });

  it('does not retry a client error', async () => {
    const { fetcher } = fetcherWith();
    const error = await fetcher.fetchText(`${fake.url}/nowhere`).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ArxivHttpError', arxivStatus: 404 });
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a server that never answers, once per attempt, with an ArxivTimeoutError', async () => {
    const { fetcher } = fetcherWith({ timeoutMs: 150, maxRetries: 1 });
    fake.script({ kind: 'hang' }, { kind: 'hang' });
    const error = await fetcher.fetchText(`${fake.listingUrl}/cs.CL`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 150 });
    expect(fake.requests).toHaveLength(2);
  });

  it('reports an unreachable host as an ArxivNetworkError after retrying', async () => {
    const { fetcher } = fetcherWith({ maxRetries: 1 });
    const url = fake.url;
    await fake.close();
    const error = await fetcher.fetchText(`${url}/rss/cs.CL`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivNetworkError);
    expect((error as Error).message).toContain(url);
    fake = await startFakeArxiv();
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const { fetcher } = fetcherWith({ timeoutMs: 5000 });
    fake.script({ kind: 'hang' });
    const controller = new AbortController();
    const pending = fetcher.fetchText(`${fake.listingUrl}/cs.CL`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });
});
