-- Community: accounts and sessions, comments, collections, authorship claims, moderation and its audit log.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN suspended_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN suspension_reason TEXT;
ALTER TABLE users ADD COLUMN upvotes_public BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE listings ADD COLUMN hidden_reason TEXT;
-- serves the per-user daily submission gate and the "submitted" list of a profile
CREATE INDEX listings_submitted_by ON listings (submitted_by, listed_on);
-- serves "papers this user upvoted", newest first, on profiles
CREATE INDEX votes_user_created ON votes (user_id, created_at);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,                 -- sha256 of the random cookie value; the value itself is never stored
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
-- serves "sign out everywhere"
CREATE INDEX sessions_user ON sessions (user_id);
-- serves the sweep of expired sessions at sign-in
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE comments (
  id BIGSERIAL PRIMARY KEY,
  paper_id BIGINT NOT NULL REFERENCES papers (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  parent_id BIGINT REFERENCES comments (id),
  body TEXT NOT NULL,                       -- Markdown source; rendered on display with raw HTML disabled
  created_at TIMESTAMPTZ NOT NULL,
  edited_at TIMESTAMPTZ,
  deleted_at TIMESTAMPTZ,                   -- soft delete: the row stays so replies keep their place
  hidden BOOLEAN NOT NULL DEFAULT FALSE,    -- hidden by a moderator
  hidden_reason TEXT
);
-- serves a paper's thread and the comment counts on cards
CREATE INDEX comments_paper ON comments (paper_id, created_at);
-- serves a profile's comment list
CREATE INDEX comments_user ON comments (user_id, created_at);

CREATE TABLE collections (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  is_public BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
-- one name per owner, case-insensitively; also serves "this user's collections"
CREATE UNIQUE INDEX collections_user_name ON collections (user_id, lower(name));

CREATE TABLE collection_items (
  collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id BIGINT NOT NULL REFERENCES papers (id),
  added_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (collection_id, paper_id)
);

CREATE TABLE authorship_claims (
  id BIGSERIAL PRIMARY KEY,
  paper_id BIGINT NOT NULL REFERENCES papers (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  author_name TEXT NOT NULL,                -- which of the paper's authors the user says they are
  status TEXT NOT NULL DEFAULT 'pending',   -- pending | approved | rejected
  created_at TIMESTAMPTZ NOT NULL,
  decided_at TIMESTAMPTZ,
  decided_by BIGINT REFERENCES users (id)
);
-- one claim per user and paper
CREATE UNIQUE INDEX authorship_claims_paper_user ON authorship_claims (paper_id, user_id);
-- serves the moderators' queue of pending claims
CREATE INDEX authorship_claims_status ON authorship_claims (status, created_at);
-- serves a profile's "author of" list
CREATE INDEX authorship_claims_user ON authorship_claims (user_id, status);

CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  actor_id BIGINT REFERENCES users (id),    -- null for the command line
  action TEXT NOT NULL,                     -- e.g. comment.hide, user.suspend, claim.approve
  target_type TEXT NOT NULL,                -- listing | comment | user | claim
  target_id TEXT NOT NULL,
  reason TEXT,
  created_at TIMESTAMPTZ NOT NULL
);
-- serves /admin/audit, newest first
CREATE INDEX audit_log_created ON audit_log (created_at);
