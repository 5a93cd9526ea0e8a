import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPopulatedListingFeed, type FakeArxiv, recordedApiIds, startFakeArxiv } from './fake-arxiv-server.js';

const DATA = new URL('../fixtures/', import.meta.url);
let fake: FakeArxiv;
beforeEach(async () => {
  fake = await startFakeArxiv();
});
afterEach(() => fake.close());

describe('startFakeArxiv', () => {
  it('serves the recorded arXivRaw ListRecords page byte for byte as page 1, on 127.0.0.1', async () => {
    const res = await fetch(`${fake.oaiUrl}?verb=ListRecords&metadataPrefix=arXivRaw&from=2014-10-01`);
    const real = readFileSync(new URL('arxiv-oai-pmh/mikesaelim-arXivRaw/ListRecordsResponse.xml', DATA), 'utf8');
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await res.text()).toBe(real);
    expect(fake.requests[0]).toMatchObject({ path: '/oai2', query: { verb: 'ListRecords', from: '2014-10-01' } });
  });

  it('answers unknown tokens with badResumptionToken and a token plus other arguments with badArgument', async () => {
    const stale = await fetch(`${fake.oaiUrl}?verb=ListRecords&resumptionToken=nope`).then((r) => r.text());
    expect(stale).toContain('code="badResumptionToken"');
    const mixed = await fetch(`${fake.oaiUrl}?verb=ListRecords&resumptionToken=726959%7C1001&from=2014-01-01`).then(
      (r) => r.text(),
    );
    expect(mixed).toContain('code="badArgument"');
  });

  it('replays scripted steps in order before returning to normal replay', async () => {
    fake.script({ kind: 'retry-after' }, { kind: 'oai-error', code: 'noSetHierarchy' });
    const throttled = await fetch(fake.oaiUrl);
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get('retry-after')).toBe('10');
    expect(await throttled.text()).toContain('Retry after 10 seconds');
    expect(await fetch(fake.oaiUrl).then((r) => r.text())).toContain('code="noSetHierarchy"');
    expect(await fetch(fake.oaiUrl).then((r) => r.text())).toContain('code="badVerb"');
  });

  it('assembles API feeds from recorded entries and serves the recorded 400 error feed for a bad id', async () => {
    const [a, b] = recordedApiIds();
    const feed = await fetch(`${fake.apiUrl}?id_list=${a},${b},0000.0000&start=0&max_results=100`).then((r) =>
      r.text(),
    );
    expect(feed).toContain('<opensearch:totalResults>2</opensearch:totalResults>');
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    const bad = await fetch(`${fake.apiUrl}?id_list=abc`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('incorrect id format for abc');
  });

  it('never answers in hang mode', async () => {
    fake.script({ kind: 'hang' });
    const error = await fetch(`${fake.listingUrl}/cs.CL`, { signal: AbortSignal.timeout(100) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  it('derives a populated listing from the real empty channel', () => {
    const feed = buildPopulatedListingFeed(['2606.13677']);
    expect(feed).toContain('<title>cs.CL updates on arXiv.org</title>');
    expect(feed).toContain('<guid isPermaLink="false">oai:arXiv.org:2606.13677v1</guid>');
  });
});
