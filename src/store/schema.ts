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
  password_hash: string | null;
  role: string;
  created_at: string;
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
}

export interface VotesTable {
  user_id: number;
  paper_id: number;
  created_at: string;
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
  checkpoints: CheckpointsTable;
  schema_migrations: SchemaMigrationsTable;
  job_state: JobStateTable;
}
