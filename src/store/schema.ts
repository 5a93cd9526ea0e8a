import type { Generated } from 'kysely';

// Row types as the drivers return them. SQLite stores booleans as 0/1 and timestamps as ISO text;
// PostgreSQL uses boolean/timestamptz/date, which database.ts parses back into the same ISO strings.

export interface PapersTable {
  id: Generated<number>;
  arxiv_id: string;
  version: number;
  title: string;
  abstract: string;
  authors_json: string;
  primary_category: string;
  categories: string;
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  published_at: string;
  updated_at: string;
  versions_json: string;
  withdrawn: boolean | number;
  links_json: string;
  code_url: string | null;
  project_url: string | null;
  content_hash: string;
  change_seq: number;
  created_at: string;
  modified_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string | null;
  pending_email: string | null;
  password_hash: string | null;
  role: string;
  created_at: string;
  email_verified_at: string | null;
  suspended_at: string | null;
  suspension_reason: string | null;
  upvotes_public: Generated<boolean | number>;
}

export interface ListingsTable {
  id: Generated<number>;
  paper_id: number;
  listed_on: string;
  submitted_by: number | null;
  upvotes: Generated<number>;
  hotness: Generated<number>;
  hidden: Generated<boolean | number>;
  created_at: string;
  hidden_reason: string | null;
}

export interface VotesTable {
  user_id: number;
  paper_id: number;
  created_at: string;
}

/** One row per (author key, paper): serves the author pages (see core/author-key.ts). */
export interface PaperAuthorsTable {
  author_key: string;
  paper_id: number;
  position: number;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface CheckpointsTable {
  name: string;
  value_json: string;
  updated_at: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface JobStateTable {
  name: string;
  locked_by: string | null;
  locked_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_status: string | null;
  last_message: string | null;
  runs: Generated<number>;
}

export interface Database {
  papers: PapersTable;
  users: UsersTable;
  listings: ListingsTable;
  votes: VotesTable;
  counters: CountersTable;
  paper_authors: PaperAuthorsTable;
  checkpoints: CheckpointsTable;
  schema_migrations: SchemaMigrationsTable;
  job_state: JobStateTable;
  sessions: SessionsTable;
  comments: CommentsTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  authorship_claims: AuthorshipClaimsTable;
  audit_log: AuditLogTable;
  subscriptions: SubscriptionsTable;
  saved_searches: SavedSearchesTable;
  digest_outbox: DigestOutboxTable;
  digest_sent_papers: DigestSentPapersTable;
  digest_clicks: DigestClicksTable;
  rec_models: RecModelsTable;
  paper_feedback: PaperFeedbackTable;
  api_tokens: ApiTokensTable;
  paper_vectors: PaperVectorsTable;
  rate_limit_hits: RateLimitHitsTable;
  login_failures: LoginFailuresTable;
  follows: FollowsTable;
  follow_feed_keys: FollowFeedKeysTable;
  paper_versions: PaperVersionsTable;
  paper_events: PaperEventsTable;
  notifications: NotificationsTable;
  notification_mail_prefs: NotificationMailPrefsTable;
  notification_mails: NotificationMailsTable;
  organizations: OrganizationsTable;
  organization_members: OrganizationMembersTable;
  paper_organizations: PaperOrganizationsTable;
  paper_links: PaperLinksTable;
  paper_keywords: PaperKeywordsTable;
  paper_summaries: PaperSummariesTable;
}

// Community (migration 0002).

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  paper_id: number;
  user_id: number;
  parent_id: number | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden: Generated<boolean | number>;
  hidden_reason: string | null;
}

export interface CollectionsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  description: Generated<string>;
  is_public: Generated<boolean | number>;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemsTable {
  collection_id: number;
  paper_id: number;
  added_at: string;
}

export interface AuthorshipClaimsTable {
  id: Generated<number>;
  paper_id: number;
  user_id: number;
  author_name: string;
  status: Generated<string>;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  created_at: string;
}

// E-mail digests and recommendations (migration 0004).

export interface SubscriptionsTable {
  id: Generated<number>;
  email: string;
  user_id: number | null;
  status: string;
  period: string;
  max_papers: number;
  include_categories: Generated<string>;
  exclude_categories: Generated<string>;
  follow_authors: Generated<string>;
  for_you: Generated<boolean | number>;
  send_hour: number;
  timezone: string;
  confirm_sent_at: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  updated_at: string;
}

export interface SavedSearchesTable {
  id: Generated<number>;
  subscription_id: number;
  query: string;
  category: Generated<string>;
  has_code: Generated<boolean | number>;
  created_at: string;
}

export interface DigestOutboxTable {
  id: Generated<number>;
  subscription_id: number;
  period_key: string;
  status: string;
  content_json: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  claimed_by: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface DigestSentPapersTable {
  subscription_id: number;
  paper_id: number;
  outbox_id: number;
}

export interface DigestClicksTable {
  subscription_id: number;
  paper_id: number;
  outbox_id: number;
  clicked_at: string;
}

export interface RecModelsTable {
  user_id: number;
  weights: string;
  bias: number;
  positives: number;
  trained_through: string;
  trained_at: string;
}

// Explicit negatives on recommendations (migration 0016).
export interface PaperFeedbackTable {
  user_id: number;
  paper_id: number;
  kind: string;
  created_at: string;
}

// Personal API tokens (migration 0005).

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  hint: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

// Paper embeddings (migration 0006).

export interface PaperVectorsTable {
  paper_id: number;
  model: string;
  text_hash: string;
  vec: Buffer;
  seq: number;
}

// Rate-limit counters shared by app processes (migration 0007).

export interface RateLimitHitsTable {
  key: string;
  window_start: number;
  hits: number;
}

// Failed sign-ins in a row, for the sign-in backoff (migration 0009).

export interface LoginFailuresTable {
  key: string;
  failures: number;
  next_attempt_at: number;
  updated_at: number;
}

export interface FollowsTable {
  user_id: number;
  target_kind: string;
  target_key: string;
  created_at: string;
}

export interface FollowFeedKeysTable {
  user_id: number;
  generation: string;
  created_at: string;
}

// Version watch (migration 0015): the texts of superseded versions, and the new-version and withdrawal events.

export interface PaperVersionsTable {
  paper_id: number;
  version: number;
  title: string;
  abstract: string;
  recorded_at: string;
}

export interface PaperEventsTable {
  seq: number;
  paper_id: number;
  kind: 'new_version' | 'withdrawn';
  version: number;
  detected_at: string;
}

// Notifications, their e-mail preferences and the outbox of notification mails (migration 0014).

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  dedupe_key: string;
  paper_id: number | null;
  actor_user_id: number | null;
  data_json: string;
  created_at: string;
  read_at: string | null;
  mail_state: string;
  mail_id: number | null;
}

export interface NotificationMailPrefsTable {
  user_id: number;
  kind: string;
  enabled: boolean | number;
  updated_at: string;
}

export interface NotificationMailsTable {
  id: Generated<number>;
  user_id: number;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  claimed_by: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

// Organizations (migration 0017).

export interface OrganizationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationMembersTable {
  organization_id: number;
  user_id: number;
  role: string;
  added_at: string;
}

export interface PaperOrganizationsTable {
  paper_id: number;
  organization_id: number;
  attributed_by: number | null;
  attributed_at: string;
}

// Links authors set on their papers (migration 0018).

export interface PaperLinksTable {
  paper_id: number;
  code_url: string | null;
  project_url: string | null;
  extra_json: Generated<string>;
  updated_by: number | null;
  updated_at: string;
}

// Keywords extracted from title and abstract (migration 0019).

export interface PaperKeywordsTable {
  paper_id: number;
  keywords_json: string;
  text_hash: string;
  computed_at: string;
}

// One-sentence summaries from an optional chat endpoint (migration 0020).

export interface PaperSummariesTable {
  paper_id: number;
  abstract_hash: string;
  summary: string | null;
  model: string;
  error: string | null;
  created_at: string;
}
