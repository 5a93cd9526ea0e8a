import path from 'node:path';
import { AppError, createErrorFactory } from '../core/errors.js';
import type { TrendingParams } from '../core/trending.js';
import { createApiTokensRepository } from './api-tokens.repository.js';
import { createAuditRepository } from './audit.repository.js';
import { createAuthorsRepository } from './authors.repository.js';
import { createChangeSequence } from './change-sequence.js';
import { createCheckpointsRepository } from './checkpoints.repository.js';
import { createCitationsRepository } from './citations.repository.js';
import { createClaimsRepository } from './claims.repository.js';
import { createCollectionsRepository } from './collections.repository.js';
import { createCommentsRepository } from './comments.repository.js';
import { type Connection, openPostgres, openSqlite } from './database.js';
import { createDigestOutboxRepository } from './digest-outbox.repository.js';
import { createFollowsRepository } from './follows.repository.js';
import { checkStoreHealth } from './health.js';
import { createJobsRepository } from './jobs.repository.js';
import { createListingsRepository } from './listings.repository.js';
import { createLoginFailuresRepository } from './login-failures.repository.js';
import { migrate, pendingMigrations } from './migrate.js';
import { createModerationRepository } from './moderation.repository.js';
import { createNotificationsRepository } from './notifications.repository.js';
import { createOrganizationsRepository } from './organizations.repository.js';
import { createPaperEventsRepository, createPaperVersionsRepository } from './paper-events.repository.js';
import { createPaperFeedbackRepository } from './paper-feedback.repository.js';
import { createPaperKeywordsRepository } from './paper-keywords.repository.js';
import { createPaperLinksRepository } from './paper-links.repository.js';
import { createPaperSummariesRepository } from './paper-summaries.repository.js';
import { createPapersRepository } from './papers.repository.js';
import { createPapersBrowseRepository } from './papers-browse.repository.js';
import { createRateLimitsRepository } from './rate-limits.repository.js';
import { createRecommendationsRepository } from './recommendations.repository.js';
import { createSavedSearchesRepository } from './saved-searches.repository.js';
import { createSessionsRepository } from './sessions.repository.js';
import { createSubmissionsRepository } from './submissions.repository.js';
import { createSubscriptionsRepository } from './subscriptions.repository.js';
import { createUsersRepository } from './users.repository.js';
import { createVectorsRepository } from './vectors.repository.js';
import { createVotesRepository } from './votes.repository.js';

export interface StoreOptions {
  /** postgres://… for PostgreSQL; empty for SQLite. */
  databaseUrl?: string;
  /** SQLite file, or ':memory:'. Defaults to <dataDir>/dailypapers.db. */
  sqliteFile?: string;
  dataDir?: string;
  /** Apply pending migrations on open (the default); otherwise refuse a stale schema. */
  migrate?: boolean;
  /** Parameters of the stored trending hotness (see core/trending.ts). */
  trending?: TrendingParams;
  /** SQLite page cache of the connection, in MiB (database.storeCacheMb; the default is openSqlite's). */
  sqliteCacheMiB?: number;
  /** WAL checkpoints in a worker thread instead of in the committing request (sqlite-checkpointer.ts; `serve`). */
  backgroundCheckpoints?: boolean;
  /** Where failures of background work (the checkpointer) are reported. */
  warn?: (message: string) => void;
}

export type Store = Awaited<ReturnType<typeof openStore>>;

// Until `dailypapers migrate` runs, the store cannot serve: 503.
const staleSchema = createErrorFactory({
  code: 'store.stale_schema',
  status: 503,
  message: 'The database schema is behind; run `dailypapers migrate` first.',
});

export class StaleSchemaError extends AppError {
  constructor(message: string) {
    super(staleSchema.code, staleSchema.status, message);
  }
}

export async function openStore(options: StoreOptions) {
  const conn: Connection = options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openSqlite(options.sqliteFile ?? path.join(options.dataDir ?? './data', 'dailypapers.db'), {
        cacheMiB: options.sqliteCacheMiB,
        backgroundCheckpoints: options.backgroundCheckpoints,
        warn: options.warn,
      });
  try {
    if (options.migrate ?? true) await migrate(conn);
    else {
      const pending = await pendingMigrations(conn);
      if (pending.length > 0) {
        throw new StaleSchemaError(
          `The database schema is behind by ${pending.length} migration(s); run \`dailypapers migrate\` first.`,
        );
      }
    }
  } catch (error) {
    await conn.close();
    throw error;
  }
  const papers = createPapersRepository(conn);
  await papers.backfillAuthors();
  const trending = options.trending ?? { halfLifeHours: 24 };
  const listings = createListingsRepository(conn, trending);
  await listings.syncHotnessParams();
  return {
    dialect: conn.dialect,
    connection: conn,
    papers,
    authors: createAuthorsRepository(conn),
    // Version watch: superseded versions' texts and new-version/withdrawal events (migration 0015).
    paperVersions: createPaperVersionsRepository(conn),
    paperEvents: createPaperEventsRepository(conn),
    listings,
    users: createUsersRepository(conn),
    votes: createVotesRepository(conn, trending),
    checkpoints: createCheckpointsRepository(conn),
    citations: createCitationsRepository(conn),
    jobs: createJobsRepository(conn),
    // Community (accounts, comments, collections, claims, moderation).
    sessions: createSessionsRepository(conn),
    comments: createCommentsRepository(conn),
    collections: createCollectionsRepository(conn),
    claims: createClaimsRepository(conn),
    submissions: createSubmissionsRepository(conn),
    moderation: createModerationRepository(conn),
    audit: createAuditRepository(conn),
    // In-app notifications, their e-mail preferences and the hourly notification mails.
    notifications: createNotificationsRepository(conn),
    // Organizations and the links authors set on their papers (issue 17).
    organizations: createOrganizationsRepository(conn),
    paperLinks: createPaperLinksRepository(conn),
    // E-mail digests and recommendations.
    subscriptions: createSubscriptionsRepository(conn),
    savedSearches: createSavedSearchesRepository(conn),
    digestOutbox: createDigestOutboxRepository(conn),
    recommendations: createRecommendationsRepository(conn),
    // Follows of authors, categories, collections and saved searches (/following, its feed, the digest section).
    follows: createFollowsRepository(conn),
    paperFeedback: createPaperFeedbackRepository(conn),
    // Personal API tokens (bearer authentication of programs).
    apiTokens: createApiTokensRepository(conn),
    // Paper embeddings, copied by every process's search index.
    vectors: createVectorsRepository(conn),
    // Keywords and one-sentence summaries derived from each paper's text (migrations 0019, 0020).
    paperKeywords: createPaperKeywordsRepository(conn),
    paperSummaries: createPaperSummariesRepository(conn),
    // Every paper newest first, by cursor (the HF-shaped GET /api/papers).
    papersBrowse: createPapersBrowseRepository(conn),
    // Rate-limit counters shared by app processes (used on PostgreSQL).
    rateLimits: createRateLimitsRepository(conn),
    // Failed sign-ins in a row, for the sign-in backoff (both dialects).
    loginFailures: createLoginFailuresRepository(conn),
    // The page version (papers, listings, votes, comments, moderation…), read per request by the page cache.
    changes: createChangeSequence(conn),
    // Reachability and schema currency, for /readyz.
    health: () => checkStoreHealth(conn),
    close: () => conn.close(),
  };
}
