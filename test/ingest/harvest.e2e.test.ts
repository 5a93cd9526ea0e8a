import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { fetchIntoStore, harvestIntoStore, pollNewSubmissions } from '../../src/ingest/arxiv.usecases.js';
import { createArxivFetcher } from '../../src/ingest/arxiv-clients.js';
import { openStore, type Store } from '../../src/store/store.js';
import { exitOf, runCli, spawnCli } from '../support/cli.js';
import {
  buildPopulatedListingFeed,
  type FakeArxiv,
  recordedApiIds,
  startFakeArxiv,
} from '../support/fake-arxiv-server.js';

function configFor(fake: FakeArxiv, extra: Record<string, string> = {}) {
  return loadConfig({
    env: {
      DAILYPAPERS_ARXIV_OAI_URL: fake.oaiUrl,
      DAILYPAPERS_ARXIV_API_URL: fake.apiUrl,
      DAILYPAPERS_ARXIV_LISTING_URL: fake.listingUrl,
      DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '1',
      DAILYPAPERS_ARXIV_CONTACT: 'ops@example.org',
      ...extra,
    },
  });
}

async function snapshotOf(store: Store) {
  const rows = await store.connection.db
    .selectFrom('papers')
    .select(['arxiv_id', 'version', 'content_hash', 'withdrawn'])
    .orderBy('arxiv_id')
    .execute();
  return rows.map((r) => ({ ...r, withdrawn: Boolean(r.withdrawn) }));
}

describe('arXiv ingestion into the store', () => {
  let fake: FakeArxiv;
  beforeAll(async () => {
    fake = await startFakeArxiv({ listingFeeds: { 'cs.CL': buildPopulatedListingFeed(recordedApiIds().slice(0, 3)) } });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('harvests every page into the store, and a second run from the same window changes nothing', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const config = configFor(fake);
    const first = await harvestIntoStore({ store, config, fetcher: createArxivFetcher(config), from: '2014-10-01' });
    expect(first.pages).toBe(3);
    expect(first.inserted).toBeGreaterThan(5);
    expect(await store.papers.count()).toBe(first.inserted);
    const again = await harvestIntoStore({ store, config, fetcher: createArxivFetcher(config), from: '2014-10-01' });
    expect(again.changed).toBe(false);
    expect(again.unchanged).toBe(again.records);
    await store.close();
  }, 180_000);

  it('a harvest killed with SIGKILL mid-way and re-run ends with exactly the store of an uninterrupted harvest', async () => {
    const reference = await openStore({ sqliteFile: ':memory:' });
    const config = configFor(fake);
    await harvestIntoStore({ store: reference, config, fetcher: createArxivFetcher(config), from: '2014-10-01' });

    const dataDir = mkdtempSync(path.join(tmpdir(), 'dailypapers-kill-'));
    const env = {
      DAILYPAPERS_DATA: dataDir,
      DAILYPAPERS_ARXIV_OAI_URL: fake.oaiUrl,
      DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '1',
      DAILYPAPERS_ARXIV_CONTACT: 'ops@example.org',
    };
    const before = fake.requests.length;
    fake.script({ kind: 'normal' }, { kind: 'hang' }); // page 1 is stored, then the request for page 2 never answers
    const child = spawnCli(['harvest', '--from', '2014-10-01'], env);
    while (fake.requests.length < before + 2) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    expect((await exitOf(child)).signal).toBe('SIGKILL');

    const resumed = await runCli(['harvest'], env);
    expect(resumed.code, resumed.output).toBe(0);
    const store = await openStore({ dataDir });
    expect(await snapshotOf(store)).toEqual(await snapshotOf(reference));
    // The resumed run continued at page 2 with the saved token instead of starting over.
    const resumedRequests = fake.requests.slice(before + 2);
    expect(resumedRequests[0]?.query.resumptionToken).toBeDefined();
    await store.close();
    await reference.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);

  it('fetches papers by id, URL and versioned id from the API and stores them', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const config = configFor(fake);
    const [a, b] = recordedApiIds();
    const result = await fetchIntoStore({
      store,
      config,
      fetcher: createArxivFetcher(config),
      ids: [`https://arxiv.org/abs/${a}`, `${b}v1`, a!],
    });
    expect(result.inserted).toBe(2);
    expect((await store.papers.findByArxivId(a!))?.title.length).toBeGreaterThan(3);
    await store.close();
  }, 180_000);

  it('polls new-submission listings: curated mode stores only, auto mode also lists them today', async () => {
    const logger = pino({ level: 'silent' });
    const curated = await openStore({ sqliteFile: ':memory:' });
    const config = configFor(fake, { DAILYPAPERS_LISTING_CATEGORIES: 'cs.CL,cs.LG' });
    const stored = await pollNewSubmissions({ store: curated, config, logger, fetcher: createArxivFetcher(config) });
    expect(stored.inserted).toBe(3);
    expect(await curated.listings.count()).toBe(0);

    const auto = await openStore({ sqliteFile: ':memory:' });
    const autoConfig = configFor(fake, { DAILYPAPERS_LISTING_CATEGORIES: 'cs.CL', DAILYPAPERS_LISTING_MODE: 'auto' });
    const now = new Date('2026-08-03T06:00:00Z');
    const listed = await pollNewSubmissions({
      store: auto,
      config: autoConfig,
      logger,
      fetcher: createArxivFetcher(autoConfig),
      now,
    });
    expect(listed.listed).toBeGreaterThan(0);
    const day = await auto.listings.listRange({
      from: '2026-08-03',
      to: '2026-08-03',
      sort: 'newest',
      limit: 10,
      offset: 0,
    });
    expect(day.total).toBe(listed.listed);
    await curated.close();
    await auto.close();
  }, 180_000);
});
