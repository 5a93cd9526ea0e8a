// The demo as `serve` loads it into an empty SQLite database: papers, listings, real upvote counts as demo
// readers' votes, the demo account's content, and a submission flow that works offline.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitPaper } from '../community/submissions.usecases.js';
import { type Viewer, viewerFromUser } from '../community/viewer.models.js';
import { todayUtc } from '../core/dates.js';
import type { ArxivApiClient } from '../ingest/arxiv-api/api-client.js';
import { openStore, type Store } from '../store/store.js';
import { demoSubmissionCalendar, readDemoRecord } from './demo-clock.js';
import { loadDemoIfEmpty } from './load-demo.js';

const source = JSON.parse(
  readFileSync(new URL('../../test/fixtures/hf-papers-2024/papers.json', import.meta.url), 'utf8'),
) as Record<string, { upvotes: number }>;
const logger = pino({ level: 'silent' });
// Offline: any attempt to reach arXiv fails as it would without a network.
const offlineArxiv = {
  fetchPapers: async () => {
    throw new Error('offline');
  },
} as unknown as ArxivApiClient;
const gates = { maxPaperAgeDays: 30, submissionsPerDay: 10, requireVerifiedEmail: true };

describe('loading the demo into an empty database', () => {
  let store: Store;
  const now = new Date();
  // Submitting on the demo as a visitor would: arXiv unreachable, the demo's calendar for the age rule.
  const submitOffline = (viewer: Viewer, arxivId: string, at: Date) =>
    submitPaper({
      store,
      arxiv: offlineArxiv,
      gates,
      calendar: demoSubmissionCalendar(store),
      viewer,
      arxivId,
      now: at,
    });

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    expect(await loadDemoIfEmpty({ store, logger, now })).toBe(true);
  }, 120_000);
  afterAll(async () => store?.close());

  it('stores the 753 papers and lists all but the 4 of the data’s last day, ending today', async () => {
    expect(await store.papers.count()).toBe(753);
    expect(await store.listings.count()).toBe(749);
    const today = await store.listings.listRange({
      from: todayUtc(now),
      to: todayUtc(now),
      sort: 'upvotes',
      limit: 100,
      offset: 0,
    });
    expect(today.total).toBeGreaterThan(0);
    for (const id of ['2404.04167', '2404.04204', '2404.04211', '2404.04256']) {
      expect(await store.listings.findByPaperId((await store.papers.findByArxivId(id))!.id)).toBeNull();
    }
  });

  it('gives every listed paper exactly the upvotes Hugging Face showed, no listing later than now', async () => {
    const all = await store.listings.listRange({
      from: '2000-01-01',
      to: '2100-01-01',
      sort: 'upvotes',
      limit: 1000,
      offset: 0,
    });
    expect(all.items).toHaveLength(749);
    for (const item of all.items) {
      expect(item.listing.upvotes, item.paper.arxivId).toBe(source[item.paper.arxivId]!.upvotes);
      expect(Date.parse(item.listing.createdAt)).toBeLessThanOrEqual(now.getTime());
      expect(item.listing.submittedBy).toBeNull();
    }
    expect(all.items[0]!.paper.arxivId).toBe('2402.17764');
    expect(all.items[0]!.listing.upvotes).toBe(553);
  });

  it('casts the votes as 553 demo readers who cannot sign in', async () => {
    const first = await store.users.findByUsername('reader001');
    const last = await store.users.findByUsername('reader553');
    expect(await store.users.findByUsername('reader554')).toBeNull();
    for (const reader of [first!, last!, (await store.users.findByUsername('demo'))!]) {
      expect(reader.email).toBeNull();
      expect(await store.users.passwordHashOf(reader.id)).toBeNull();
    }
  });

  it('adds three comments and one public collection by the "demo" account, each saying it is demo content', async () => {
    const demo = (await store.users.findByUsername('demo'))!;
    const comments = await store.comments.listByUser(demo.id, { limit: 10, includeHidden: true });
    expect(comments).toHaveLength(3);
    const [collection] = await store.collections.listByUser(demo.id, { includePrivate: true });
    expect(collection).toMatchObject({ name: 'Mixture of experts (demo collection)', isPublic: true });
    expect((await store.collections.items(collection!.id)).length).toBe(10);
    for (const c of comments) expect(JSON.stringify(c)).toContain('Demo comment');
  });

  it('does nothing when the database already holds papers', async () => {
    expect(await loadDemoIfEmpty({ store, logger })).toBe(false);
    expect(await store.papers.count()).toBe(753);
  });

  it('lets a visitor submit one of the unlisted papers offline, and refuses a listed one as a duplicate', async () => {
    const id = await store.users.create({ username: 'visitor', emailVerifiedAt: now.toISOString() });
    const viewer = viewerFromUser((await store.users.findById(id))!);
    const { listing } = await submitOffline(viewer, '2404.04211', now);
    expect(listing).toMatchObject({ listedOn: todayUtc(now), submittedBy: 'visitor' });
    await expect(submitOffline(viewer, '2401.04088', now)).rejects.toMatchObject({ code: 'submissions.duplicate' });
  });

  it('counts the age rule for the unlisted papers from the load day, and for no other paper', async () => {
    expect((await readDemoRecord(store))!.awaiting).toHaveLength(4);
    const id = await store.users.create({ username: 'later', emailVerifiedAt: now.toISOString() });
    const viewer = viewerFromUser((await store.users.findById(id))!);
    const later = new Date(now.getTime() + 31 * 86_400_000);
    await expect(submitOffline(viewer, '2404.04204', later)).rejects.toMatchObject({ code: 'submissions.too_old' });
  });
});
