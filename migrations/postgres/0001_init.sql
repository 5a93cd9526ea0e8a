-- Papers, listings, users, checkpoints and the change counter a search index follows.
CREATE TABLE papers (
  id BIGSERIAL PRIMARY KEY,
  arxiv_id TEXT NOT NULL UNIQUE,            -- bare id; serves every lookup by arXiv id
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL,
  authors_json TEXT NOT NULL,               -- ordered [{name, affiliation?}]
  primary_category TEXT NOT NULL,
  categories TEXT NOT NULL,                 -- space-separated, primary first
  comments TEXT,
  journal_ref TEXT,
  doi TEXT,
  license TEXT,
  published_at TIMESTAMPTZ NOT NULL,        -- v1 date
  updated_at TIMESTAMPTZ NOT NULL,          -- latest version date
  versions_json TEXT NOT NULL,              -- [{version, date, size?}]
  withdrawn BOOLEAN NOT NULL DEFAULT FALSE,
  links_json TEXT NOT NULL DEFAULT '[]',    -- [{kind, url}]
  code_url TEXT,
  project_url TEXT,
  content_hash TEXT NOT NULL,               -- lets a re-import tell "unchanged" without comparing every field
  change_seq BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  modified_at TIMESTAMPTZ NOT NULL
);
-- serves the search index's "changes since seq N" scan
CREATE INDEX papers_change_seq ON papers (change_seq);

CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL,
  email TEXT,
  password_hash TEXT,
  role TEXT NOT NULL DEFAULT 'user',
  created_at TIMESTAMPTZ NOT NULL
);
-- case-insensitive uniqueness, as SQLite's COLLATE NOCASE
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE listings (
  id BIGSERIAL PRIMARY KEY,
  paper_id BIGINT NOT NULL UNIQUE REFERENCES papers (id),   -- a paper is listed once
  listed_on DATE NOT NULL,                                   -- UTC day
  submitted_by BIGINT REFERENCES users (id),
  upvotes INTEGER NOT NULL DEFAULT 0,
  hotness DOUBLE PRECISION NOT NULL DEFAULT 0,          -- see src/core/trending.ts; updated in the vote's transaction
  hidden BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMPTZ NOT NULL
);
-- serves the daily/week/month pages: a range of days ordered by upvotes then recency
CREATE INDEX listings_day_upvotes ON listings (listed_on, upvotes DESC, created_at DESC);
-- serves /trending and ?sort=trending: the hottest listings overall or within a range of days
CREATE INDEX listings_hotness ON listings (hotness DESC);
CREATE INDEX listings_day_hotness ON listings (listed_on, hotness DESC);

CREATE TABLE votes (
  user_id BIGINT NOT NULL REFERENCES users (id),
  paper_id BIGINT NOT NULL REFERENCES papers (id),
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, paper_id)
);

-- A row lock on this counter serialises paper writers, so change_seq order is also commit order and a
-- follower reading "seq > N" never skips a row that commits later with a smaller number.
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('paper_change_seq', 0);
-- the trending half-life (hours × 1000) the stored hotness was computed with; recomputed when config changes it
INSERT INTO counters (name, value) VALUES ('trending_half_life_millihours', 0);

CREATE TABLE checkpoints (
  name TEXT PRIMARY KEY,                    -- e.g. "import:<file fingerprint>", "harvest:<set>"
  value_json TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
