import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { importSnapshotIntoStore } from '../ingest/import.usecases.js';
import type { Store } from '../store/store.js';
import { type DemoPaperEntry, planDemoCalendar } from './demo-calendar.js';
import { saveDemoRecord } from './demo-clock.js';
import { addDemoContent } from './demo-content.js';

export const DEMO_FILE = fileURLToPath(new URL('../../demo/arxiv-demo.jsonl.gz', import.meta.url));
export const DEMO_LISTINGS_FILE = fileURLToPath(new URL('../../demo/demo-listings.json', import.meta.url));

/**
 * Loads the bundled demo (753 papers featured on Hugging Face Daily Papers, see demo/README.md) into an empty
 * database and makes the daily page alive: listings on the weekdays that end today (demo-calendar.ts), each with
 * as many upvotes as Hugging Face showed, cast by demo readers (accounts without passwords: nobody can sign in
 * as them), plus a few comments and a collection by the "demo" account.
 */
export async function loadDemoIfEmpty(opts: {
  store: Store;
  logger: Logger;
  now?: Date;
  file?: string;
  listingsFile?: string;
}) {
  const { store, logger } = opts;
  if ((await store.papers.count()) > 0) return false;
  const started = Date.now();
  const now = opts.now ?? new Date();
  logger.info(
    'empty database: loading the demo dataset (papers featured on Hugging Face Daily Papers, CC0 arXiv metadata)',
  );
  const summary = await importSnapshotIntoStore({ store, path: opts.file ?? DEMO_FILE, resumable: false });
  const entries = JSON.parse(await readFile(opts.listingsFile ?? DEMO_LISTINGS_FILE, 'utf8')) as DemoPaperEntry[];
  const calendar = planDemoCalendar({ entries, now });
  const votes = await seedListings(store, calendar.listings);
  const content = await addDemoContent({ store, at: now.toISOString() });
  await saveDemoRecord(store, { loadedAt: now.toISOString(), awaiting: calendar.awaiting.map((e) => e.arxivId) });
  logger.info(
    {
      papers: summary.papers,
      listed: calendar.listings.length,
      unlisted: calendar.awaiting.length,
      votes,
      ...content,
      ms: Date.now() - started,
    },
    'demo data loaded',
  );
  return true;
}

async function seedListings(store: Store, listings: ReturnType<typeof planDemoCalendar>['listings']) {
  const ids = new Map<string, number>();
  for (const l of listings) {
    const paper = await store.papers.findByArxivId(l.arxivId);
    if (!paper) throw new Error(`demo listings name ${l.arxivId}, which is not in the demo papers`);
    ids.set(l.arxivId, paper.id);
  }
  const readers = await createReaders(store, Math.max(0, ...listings.map((l) => l.upvotes)));
  const votes: Array<{ userId: number; paperId: number; createdAt: string }> = [];
  for (const [index, l] of listings.entries()) {
    const paperId = ids.get(l.arxivId)!;
    // Listed automatically, as the arXiv job lists papers: the data does not say who submitted them.
    await store.listings.add({ paperId, listedOn: l.listedOn, submittedBy: null, createdAt: l.createdAt });
    // The real count, cast by distinct readers; each paper starts at a different reader so the votes spread out.
    for (let i = 0; i < l.upvotes; i++) {
      votes.push({ userId: readers[(index * 37 + i) % readers.length]!, paperId, createdAt: l.createdAt });
    }
  }
  await store.votes.addMany(votes);
  return votes.length;
}

async function createReaders(store: Store, count: number): Promise<number[]> {
  const width = String(count).length;
  const readers: number[] = [];
  for (let i = 1; i <= count; i++) {
    readers.push(await store.users.create({ username: `reader${String(i).padStart(width, '0')}`, role: 'demo' }));
  }
  return readers;
}
