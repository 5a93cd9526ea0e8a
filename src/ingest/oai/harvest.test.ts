import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeArxiv, memoryHarvestTargets, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { createPoliteFetcher } from '../http/polite-fetcher.js';
import { HarvestAbortedError, type HarvestOptions, harvest } from './harvest.js';

let fake: FakeArxiv;
beforeEach(async () => {
  fake = await startFakeArxiv();
});
afterEach(() => fake.close());

const fetcher = () =>
  createPoliteFetcher({
    userAgent: 'test (+mailto:ops@example.org)',
    minDelayMs: 1,
    timeoutMs: 2000,
    maxRetries: 2,
    maxRetryAfterMs: 10,
    backoffBaseMs: 5,
  });

function run(targets: ReturnType<typeof memoryHarvestTargets>, opts: Partial<HarvestOptions> = {}) {
  return harvest({ fetcher: fetcher(), baseUrl: fake.oaiUrl, format: 'arXivRaw', ...targets, ...opts });
}

// The fake serves 3 arXivRaw pages: 6 real records, then 4 (one new: 1302.2146), then 3 — 7 distinct papers.
describe('harvest', () => {
  it('follows resumption tokens to the end and saves the checkpoint after every page', async () => {
    const targets = memoryHarvestTargets();
    const summary = await run(targets, { from: '2014-10-01' });
    expect(summary).toMatchObject({ pages: 3, records: 13, inserted: 7, unchanged: 6, updated: 0, changed: true });
    expect(targets.papers.size).toBe(7);
    expect(fake.requests.map((r) => r.query)).toEqual([
      { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-10-01' },
      { verb: 'ListRecords', resumptionToken: '726959|1001' },
      { verb: 'ListRecords', resumptionToken: '726959|2002' },
    ]);
    expect(targets.saves.map((s) => s.resumptionToken)).toEqual(['726959|1001', '726959|2002', null]);
    expect(targets.current()).toEqual({
      from: '2014-10-01',
      until: null,
      set: null,
      resumptionToken: null,
      lastDatestamp: '2014-12-22',
    });
  });

  it('reports progress per page with arXiv’s cursor and list size', async () => {
    const seen: Array<[number, number | null, number | null]> = [];
    await run(memoryHarvestTargets(), { onProgress: (p) => seen.push([p.page, p.cursor, p.completeListSize]) });
    expect(seen).toEqual([
      [1, 0, 58011],
      [2, 1001, 58011],
      [3, 2002, 58011],
    ]);
  });

  it('resumes a killed harvest at the next page and ends with the same records as an uninterrupted run', async () => {
    const whole = memoryHarvestTargets();
    await run(whole, { from: '2014-10-01' });

    const targets = memoryHarvestTargets();
    const controller = new AbortController();
    const first = run(targets, { from: '2014-10-01', signal: controller.signal, onProgress: () => controller.abort() });
    await expect(first).rejects.toBeInstanceOf(HarvestAbortedError);
    expect(targets.current()?.resumptionToken).toBe('726959|1001');
    const requestsBefore = fake.requests.length;

    const second = await run(targets);
    expect(second).toMatchObject({ resumed: true, pages: 2 });
    expect(fake.requests.slice(requestsBefore)[0]?.query).toEqual({
      verb: 'ListRecords',
      resumptionToken: '726959|1001',
    });
    expect([...targets.papers.keys()].sort()).toEqual([...whole.papers.keys()].sort());
    expect(targets.papers).toEqual(whole.papers);
    expect(targets.current()).toEqual(whole.current());
  });

  it('asks only for changes since the last datestamp on the next run', async () => {
    const targets = memoryHarvestTargets();
    await run(targets, { from: '2014-10-01' });
    const again = await run(targets);
    expect(fake.requests[3]?.query).toEqual({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-12-22' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, changed: false, unchanged: 13 });
  });

  it('harvests one window per set', async () => {
    const targets = memoryHarvestTargets();
    const summary = await run(targets, { from: '2014-10-01', sets: ['physics:nucl-th', 'math'] });
    const firstRequests = fake.requests.filter((r) => r.query.metadataPrefix);
    expect(firstRequests.map((r) => r.query.set)).toEqual(['physics:nucl-th', 'math']);
    expect(summary.pages).toBe(6);
    // Between the windows the checkpoint points at the start of the next set.
    expect(targets.saves[2]).toMatchObject({ set: 'math', resumptionToken: null });
    expect(targets.current()?.set).toBeNull();
  });

  it('harvests the arXiv format with structured authors across three pages', async () => {
    const targets = memoryHarvestTargets();
    const summary = await run(targets, { format: 'arXiv', from: '2015-01-01' });
    expect(summary).toMatchObject({ pages: 3, records: 8, inserted: 8 });
    expect(targets.papers.get('1412.8544')?.authors[0]).toEqual({
      name: 'Sander Uijlen',
      affiliation: 'Radboud Universiteit',
    });
  });

  it("waits out arXiv's recorded 503 Retry-After and carries on", async () => {
    fake.script({ kind: 'retry-after' });
    const targets = memoryHarvestTargets();
    const summary = await run(targets, { from: '2014-10-01' });
    expect(summary.pages).toBe(3);
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[0]?.query).toEqual(fake.requests[1]?.query);
  });
});
