-- Papers, listings, users, checkpoints and the change counter a search index follows.
CREATE TABLE papers (
  id INTEGER PRIMARY KEY,
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
  published_at TEXT NOT NULL,               -- ISO-8601 UTC, v1 date
  updated_at TEXT NOT NULL,                 -- ISO-8601 UTC, latest version date
  versions_json TEXT NOT NULL,              -- [{version, date, size?}]
  withdrawn INTEGER NOT NULL DEFAULT 0,
  links_json TEXT NOT NULL DEFAULT '[]',    -- [{kind, url}]
  code_url TEXT,
  project_url TEXT,
  content_hash TEXT NOT NULL,               -- lets a re-import tell "unchanged" without comparing every field
  change_seq INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
-- serves the search index's "changes since seq N" scan
CREATE INDEX papers_change_seq ON papers (change_seq);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email TEXT UNIQUE COLLATE NOCASE,
  password_hash TEXT,
  role TEXT NOT NULL DEFAULT 'user',
  created_at TEXT NOT NULL
);

CREATE TABLE listings (
  id INTEGER PRIMARY KEY,
  paper_id INTEGER NOT NULL UNIQUE REFERENCES papers (id),   -- a paper is listed once
  listed_on TEXT NOT NULL,                                    -- UTC day, YYYY-MM-DD
  submitted_by INTEGER REFERENCES users (id),
  upvotes INTEGER NOT NULL DEFAULT 0,
  hotness REAL NOT NULL DEFAULT 0,          -- see src/core/trending.ts; updated in the vote's transaction
  hidden INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
-- serves the daily/week/month pages: a range of days ordered by upvotes then recency
CREATE INDEX listings_day_upvotes ON listings (listed_on, upvotes DESC, created_at DESC);
-- serves /trending and ?sort=trending: the hottest listings overall or within a range of days
CREATE INDEX listings_hotness ON listings (hotness DESC);
CREATE INDEX listings_day_hotness ON listings (listed_on, hotness DESC);

CREATE TABLE votes (
  user_id INTEGER NOT NULL REFERENCES users (id),
  paper_id INTEGER NOT NULL REFERENCES papers (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, paper_id)
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('paper_change_seq', 0);
-- the trending half-life (hours × 1000) the stored hotness was computed with; recomputed when config changes it
INSERT INTO counters (name, value) VALUES ('trending_half_life_millihours', 0);

CREATE TABLE checkpoints (
  name TEXT PRIMARY KEY,                    -- e.g. "import:<file fingerprint>", "harvest:<set>"
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
