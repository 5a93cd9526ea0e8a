// Digest test world: the services a digest run needs over a given store (with an in-memory search index kept in
// step with it), and typed seeding of subscribers. Everything is real: store, index, SMTP.
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import type { DigestPreferences, SubscriptionStatus } from '../../src/digest/digest.models.js';
import { storeChangeFeed } from '../../src/papers/search.usecases.js';
import { openSearchIndex, syncSearchIndex } from '../../src/search/index.js';
import type { Store } from '../../src/store/store.js';

export const TEST_SECRET = 'digest-test-secret-'.padEnd(40, 'x');

export async function digestServices(opts: { store: Store; env?: Record<string, string> }) {
  const config = loadConfig({
    env: {
      DAILYPAPERS_SECRET: TEST_SECRET,
      DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example',
      DAILYPAPERS_DIGEST_RATE_PER_SECOND: '0',
      DAILYPAPERS_DIGEST_RETRY_BASE_SECONDS: '0',
      ...opts.env,
    },
    file: undefined,
  });
  const search = openSearchIndex({ path: ':memory:' });
  const syncSearch = async () => {
    await syncSearchIndex({ index: search, fetchChanges: storeChangeFeed(opts.store) });
  };
  await syncSearch();
  return {
    /** Applies store changes made since to the search index (the server's follower does this every few seconds). */
    syncSearch,
    store: opts.store,
    search,
    config,
    secret: TEST_SECRET,
    logger: pino({ level: 'silent' }),
    close: () => search.close(),
  };
}

export const DEFAULT_PREFERENCES: DigestPreferences = {
  period: 'daily',
  maxPapers: 10,
  includeCategories: [],
  excludeCategories: [],
  followAuthors: [],
  forYou: true,
  sendHour: 7,
  timezone: 'UTC',
};

export async function addSubscriber(
  store: Store,
  s: {
    email: string;
    status?: SubscriptionStatus;
    userId?: number | null;
    preferences?: Partial<DigestPreferences>;
    now?: string;
  },
): Promise<number> {
  return store.subscriptions.create({
    email: s.email,
    userId: s.userId ?? null,
    status: s.status ?? 'confirmed',
    preferences: { ...DEFAULT_PREFERENCES, ...s.preferences },
    now: s.now ?? '2024-04-01T00:00:00.000Z',
  });
}
