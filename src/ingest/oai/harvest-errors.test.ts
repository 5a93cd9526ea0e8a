import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeArxiv,
  type FakeStep,
  memoryHarvestTargets,
  startFakeArxiv,
} from '../../../test/support/fake-arxiv-server.js';
import { ArxivTimeoutError } from '../http/errors.js';
import { createPoliteFetcher } from '../http/polite-fetcher.js';
import { OAI_ERROR_CODES, OaiError, OaiParseError } from './errors.js';
import { harvest } from './harvest.js';
import type { HarvestCheckpoint } from './harvest-plan.js';

let fake: FakeArxiv;
beforeEach(async () => {
  fake = await startFakeArxiv();
});
afterEach(() => fake.close());

function run(targets: ReturnType<typeof memoryHarvestTargets>, from?: string) {
  const fetcher = createPoliteFetcher({
    userAgent: 'test (+mailto:ops@example.org)',
    minDelayMs: 1,
    timeoutMs: 1000,
    maxRetries: 0,
  });
  return harvest({ fetcher, baseUrl: fake.oaiUrl, format: 'arXivRaw', from, ...targets });
}

const stale: HarvestCheckpoint = {
  from: '2014-10-01',
  until: null,
  set: null,
  resumptionToken: 'expired|42',
  lastDatestamp: null,
};

describe('harvest on OAI errors', () => {
  it('treats noRecordsMatch as a successful, empty harvest', async () => {
    fake.script({ kind: 'oai-error', code: 'noRecordsMatch' });
    const targets = memoryHarvestTargets();
    const summary = await run(targets, '2030-01-01');
    expect(summary).toMatchObject({ pages: 1, records: 0, changed: false });
    expect(targets.current()).toMatchObject({ from: '2030-01-01', resumptionToken: null, set: null });
  });

  it('stops on every other error code with a message naming it, leaving the checkpoint alone', async () => {
    for (const code of OAI_ERROR_CODES.filter((c) => c !== 'noRecordsMatch' && c !== 'badResumptionToken')) {
      fake.script({ kind: 'oai-error', code });
      const targets = memoryHarvestTargets(stale);
      const error = await run(targets, '2014-10-01').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OaiError);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).toContain(code);
      expect(targets.saves).toEqual([]);
    }
  });

  it('restarts the window from its start once when the saved resumption token has expired', async () => {
    const targets = memoryHarvestTargets(stale);
    const summary = await run(targets);
    expect(fake.requests.map((r) => r.query.resumptionToken ?? `start from ${r.query.from}`)).toEqual([
      'expired|42',
      'start from 2014-10-01',
      '726959|1001',
      '726959|2002',
    ]);
    expect(summary).toMatchObject({ pages: 3, inserted: 7 });
  });

  it('fails when the token goes bad again after the restart', async () => {
    fake.script({ kind: 'normal' }, { kind: 'normal' }, { kind: 'oai-error', code: 'badResumptionToken' });
    const targets = memoryHarvestTargets(stale);
    const error = await run(targets).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OaiError', code: 'badResumptionToken' });
    expect(targets.current()?.resumptionToken).toBe('726959|1001');
  });
});

describe('harvest on broken responses', () => {
  const faults: Array<[FakeStep['kind'], new (...args: never[]) => Error, RegExp]> = [
    ['malformed', OaiParseError, /malformed XML.*titel/],
    ['truncated', OaiParseError, /malformed XML/],
    ['wrong-content-type', OaiParseError, /expected XML, got text\/html/],
    ['hang', ArxivTimeoutError, /did not answer within 1000 ms/],
  ];

  for (const [kind, type, message] of faults) {
    it(`stops with a ${type.name} on a ${kind} page and keeps the checkpoint at that page`, async () => {
      fake.script({ kind: 'normal' }, { kind } as FakeStep);
      const targets = memoryHarvestTargets();
      const error = await run(targets, '2014-10-01').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect((error as Error).message).toMatch(message);
      expect(targets.saves).toHaveLength(1);
      expect(targets.current()?.resumptionToken).toBe('726959|1001');
      const resumed = await run(targets);
      expect(resumed).toMatchObject({ resumed: true, pages: 2 });
      expect(targets.papers.size).toBe(7);
    });
  }
});
