-- Rate-limit counters shared by every app process (PostgreSQL deployments; a single SQLite process counts in
-- memory). One row per limiter and subject ("vote/user:42", "api/ip:203.0.113.9"): a fixed window that starts
-- at its first hit, counted with one atomic upsert per limited request.
CREATE TABLE rate_limit_hits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,            -- ms since the epoch
  hits INTEGER NOT NULL
);
-- serves the pruning of windows that ended long ago
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
