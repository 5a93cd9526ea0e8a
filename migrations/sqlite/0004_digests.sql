-- E-mail digests: subscriptions (double opt-in), saved-search alerts, the outbox (one row per subscriber and period),
-- the papers each subscriber was sent, clicks in digests, and per-user recommendation models.
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,               -- trimmed and lower-cased; serves the subscribe form and `digest run --to`
  user_id INTEGER UNIQUE REFERENCES users (id),   -- the account that manages it from its settings page, if any
  status TEXT NOT NULL DEFAULT 'pending',   -- pending | confirmed | unsubscribed; only confirmed ones get digests
  period TEXT NOT NULL DEFAULT 'daily',     -- daily | weekly
  max_papers INTEGER NOT NULL DEFAULT 10,
  include_categories TEXT NOT NULL DEFAULT '',  -- space-separated arXiv categories; empty: all
  exclude_categories TEXT NOT NULL DEFAULT '',
  follow_authors TEXT NOT NULL DEFAULT '',      -- newline-separated names; cold start of recommendations
  for_you INTEGER NOT NULL DEFAULT 1,           -- include personal recommendations (accounts only)
  send_hour INTEGER NOT NULL,                   -- local hour the digest goes out
  timezone TEXT NOT NULL,                       -- IANA name
  confirm_sent_at TEXT,                         -- binds the confirmation link: a newer mail voids older links
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  unsubscribed_at TEXT,
  updated_at TEXT NOT NULL
);
-- serves the builder: confirmed subscribers of one period and schedule, paged by id
CREATE INDEX subscriptions_schedule ON subscriptions (status, period, timezone, send_hour, id);

CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  query TEXT NOT NULL,                      -- what was typed in the search box
  category TEXT NOT NULL DEFAULT '',        -- the search page's structured filters
  has_code INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
-- one alert per query and filters; also serves "this subscriber's saved searches"
CREATE UNIQUE INDEX saved_searches_unique ON saved_searches (subscription_id, query, category, has_code);

CREATE TABLE digest_outbox (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  period_key TEXT NOT NULL,                 -- daily:2024-05-01 | weekly:2024-W18
  status TEXT NOT NULL,                     -- pending | sending | sent | failed | skipped
  content_json TEXT NOT NULL,               -- sections and paper ids chosen when built; rendered when sent
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_at TEXT,                          -- when a sender marked it sending
  claimed_by TEXT,
  last_error TEXT,                          -- SMTP reply of the last failure, or why it was skipped
  created_at TEXT NOT NULL,
  sent_at TEXT
);
-- a digest is built once per subscriber and period: a second builder's insert does nothing
CREATE UNIQUE INDEX digest_outbox_subscription_period ON digest_outbox (subscription_id, period_key);
-- serves the sender (due pending rows in order) and the operator page (rows by status)
CREATE INDEX digest_outbox_status ON digest_outbox (status, next_attempt_at, id);

-- No foreign keys: written in bulk in the outbox row's own transaction, which has them.
CREATE TABLE digest_sent_papers (
  subscription_id INTEGER NOT NULL,
  paper_id INTEGER NOT NULL,
  outbox_id INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, paper_id)   -- a paper is sent to a subscriber once; serves "already sent?"
) WITHOUT ROWID;
-- serves un-marking the papers of a digest that could not be delivered
CREATE INDEX digest_sent_papers_outbox ON digest_sent_papers (outbox_id);

CREATE TABLE digest_clicks (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  paper_id INTEGER NOT NULL REFERENCES papers (id),
  outbox_id INTEGER NOT NULL REFERENCES digest_outbox (id),
  clicked_at TEXT NOT NULL,
  PRIMARY KEY (subscription_id, paper_id)   -- the first click counts; serves a subscriber's clicks
);

CREATE TABLE rec_models (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  weights TEXT NOT NULL,                    -- base64 sparse weights over hashed TF-IDF features (see digest/recommend)
  bias REAL NOT NULL,
  positives INTEGER NOT NULL,
  trained_through TEXT NOT NULL,            -- newest interaction the model has seen: no newer one, no retraining
  trained_at TEXT NOT NULL
);
