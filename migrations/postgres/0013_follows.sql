-- Following (src/follows/): a reader follows authors, categories, other readers' public collections, their own
-- saved searches and (later) organizations, and /following lists what is new from all of them. target_key is the
-- folded author key, the arXiv category as arXiv writes it, or the collection / saved search / organization id.
-- Nothing an anonymous (cached) page shows depends on these rows, so they bump no page change sequence.
CREATE TABLE follows (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_kind TEXT NOT NULL,                -- author | category | collection | saved_search | organization
  target_key TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, target_kind, target_key)   -- serves a reader's follows (all, or of one kind) and "following?"
);
-- serves "who follows these authors" (the notification job) and a target's follower count
CREATE INDEX follows_target ON follows (target_kind, target_key, user_id);
-- serves the category part of /following: the papers first published within its window, read by date
CREATE INDEX papers_published_at ON papers (published_at);

-- The private feed of /following: its URL carries a token signed over the reader's id and this generation, so
-- rotating the generation (or deleting the row) kills every older URL without a table of issued tokens.
CREATE TABLE follow_feed_keys (
  user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  generation TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
