-- Community: accounts and sessions, comments, collections, authorship claims, moderation and its audit log.
ALTER TABLE users ADD COLUMN email_verified_at TEXT;
ALTER TABLE users ADD COLUMN suspended_at TEXT;
ALTER TABLE users ADD COLUMN suspension_reason TEXT;
ALTER TABLE users ADD COLUMN upvotes_public INTEGER NOT NULL DEFAULT 0;

ALTER TABLE listings ADD COLUMN hidden_reason TEXT;
-- serves the per-user daily submission gate and the "submitted" list of a profile
CREATE INDEX listings_submitted_by ON listings (submitted_by, listed_on);
-- serves "papers this user upvoted", newest first, on profiles
CREATE INDEX votes_user_created ON votes (user_id, created_at);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,                 -- sha256 of the random cookie value; the value itself is never stored
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
-- serves "sign out everywhere"
CREATE INDEX sessions_user ON sessions (user_id);
-- serves the sweep of expired sessions at sign-in
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  paper_id INTEGER NOT NULL REFERENCES papers (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  parent_id INTEGER REFERENCES comments (id),
  body TEXT NOT NULL,                       -- Markdown source; rendered on display with raw HTML disabled
  created_at TEXT NOT NULL,
  edited_at TEXT,
  deleted_at TEXT,                          -- soft delete: the row stays so replies keep their place
  hidden INTEGER NOT NULL DEFAULT 0,        -- hidden by a moderator
  hidden_reason TEXT
);
-- serves a paper's thread and the comment counts on cards
CREATE INDEX comments_paper ON comments (paper_id, created_at);
-- serves a profile's comment list
CREATE INDEX comments_user ON comments (user_id, created_at);

CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  is_public INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- one name per owner, case-insensitively; also serves "this user's collections"
CREATE UNIQUE INDEX collections_user_name ON collections (user_id, name COLLATE NOCASE);

CREATE TABLE collection_items (
  collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id INTEGER NOT NULL REFERENCES papers (id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (collection_id, paper_id)
);

CREATE TABLE authorship_claims (
  id INTEGER PRIMARY KEY,
  paper_id INTEGER NOT NULL REFERENCES papers (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  author_name TEXT NOT NULL,                -- which of the paper's authors the user says they are
  status TEXT NOT NULL DEFAULT 'pending',   -- pending | approved | rejected
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id)
);
-- one claim per user and paper
CREATE UNIQUE INDEX authorship_claims_paper_user ON authorship_claims (paper_id, user_id);
-- serves the moderators' queue of pending claims
CREATE INDEX authorship_claims_status ON authorship_claims (status, created_at);
-- serves a profile's "author of" list
CREATE INDEX authorship_claims_user ON authorship_claims (user_id, status);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor_id INTEGER REFERENCES users (id),   -- null for the command line
  action TEXT NOT NULL,                     -- e.g. comment.hide, user.suspend, claim.approve
  target_type TEXT NOT NULL,                -- listing | comment | user | claim
  target_id TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL
);
-- serves /admin/audit, newest first
CREATE INDEX audit_log_created ON audit_log (created_at);
