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
import { checkStoreHealth } from './health.js';
import { createJobsRepository } from './jobs.repository.js';
import { createListingsRepository } from './listings.repository.js';
import { createLoginFailuresRepository } from './login-failures.repository.js';
import { migrate, pendingMigrations } from './migrate.js';
import { createModerationRepository } from './moderation.repository.js';
import { createPaperFeedbackRepository } from './paper-feedback.repository.js';
import { createPapersRepository } from './papers.repository.js';
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
    : openSqlite(options.sqliteFile ?? path.join(options.dataDir ?? './data', 'dailypapers.db'));
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
    // E-mail digests and recommendations.
    subscriptions: createSubscriptionsRepository(conn),
    savedSearches: createSavedSearchesRepository(conn),
    digestOutbox: createDigestOutboxRepository(conn),
    recommendations: createRecommendationsRepository(conn),
    paperFeedback: createPaperFeedbackRepository(conn),
    // Personal API tokens (bearer authentication of programs).
    apiTokens: createApiTokensRepository(conn),
    // Paper embeddings, copied by every process's search index.
    vectors: createVectorsRepository(conn),
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
