import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { addDays, todayUtc } from '../core/dates.js';
import { seededRandom } from '../core/random.js';
import { importSnapshot } from '../ingest/snapshot/import.js';
import type { Store } from '../store/store.js';

export const DEMO_FILE = fileURLToPath(new URL('../../demo/arxiv-demo.jsonl.gz', import.meta.url));

const DEMO_READERS = 60;
const DAYS = 30;

/**
 * Loads the bundled real arXiv metadata and makes the daily page alive: listings spread over the last 30 days
 * (fewer at weekends, as on arXiv) and upvotes from demo readers (accounts without passwords: nobody can sign in as them).
 */
export async function loadDemoIfEmpty(opts: { store: Store; logger: Logger; now?: Date; file?: string }) {
  const { store, logger } = opts;
  if ((await store.papers.count()) > 0) return false;
  logger.info('empty database: loading the demo dataset (real arXiv metadata, CC0)');
  const summary = await importSnapshot({
    path: opts.file ?? DEMO_FILE,
    upsertBatch: (papers) => store.papers.upsertMany(papers),
  });
  const listed = await seedListings(store, todayUtc(opts.now));
  logger.info({ papers: summary.papers, listed }, 'demo data loaded');
  return true;
}

async function seedListings(store: Store, today: string): Promise<number> {
  const random = seededRandom(20240501);
  const papers = await store.papers.changedSince(0, 100_000);
  // Papers with authors make better cards; the 2008 quant-ph set has none and fills in after them.
  const withAuthors = papers.filter((p) => p.authors.length > 0);
  const without = papers.filter((p) => p.authors.length === 0);
  const pool = [...shuffle(withAuthors, random), ...shuffle(without, random)];

  const readers: number[] = [];
  for (let i = 1; i <= DEMO_READERS; i++) {
    readers.push(await store.users.create({ username: `reader${String(i).padStart(2, '0')}`, role: 'demo' }));
  }
  const votes: Array<{ userId: number; paperId: number }> = [];
  let next = 0;
  for (let back = DAYS - 1; back >= 0; back--) {
    const day = addDays(today, -back);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const count = weekday === 0 || weekday === 6 ? 4 + Math.floor(random() * 5) : 18 + Math.floor(random() * 14);
    for (let i = 0; i < count && next < pool.length; i++) {
      const paper = pool[next++]!;
      const minute = Math.floor(random() * 24 * 60);
      await store.listings.add({
        paperId: paper.id,
        listedOn: day,
        submittedBy: readers[Math.floor(random() * readers.length)]!,
        createdAt: `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`,
      });
      // Heavy-tailed like real upvotes: most papers get a few, some get many.
      const upvotes = Math.min(DEMO_READERS, Math.floor(random() ** 3 * DEMO_READERS));
      for (const userId of shuffle(readers, random).slice(0, upvotes)) votes.push({ userId, paperId: paper.id });
    }
  }
  await store.votes.addMany(votes);
  return next;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
