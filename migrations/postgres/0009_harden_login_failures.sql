-- Failed sign-ins in a row, per account and per IP address ("account:42", "unknown:bob", "ip:203.0.113.9"), for
-- the sign-in backoff (community/login-throttle.usecases.ts): after a few free failures each further attempt must
-- wait until next_attempt_at, a wait that doubles with every failure up to a cap. A successful sign-in deletes the
-- account's row. Kept in the database on both dialects, so several app processes share one count.
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,          -- ms since the epoch; no attempt before it
  updated_at BIGINT NOT NULL                -- ms since the epoch of the last counted attempt
);
-- serves the pruning of rows idle for a day
CREATE INDEX login_failures_updated ON login_failures (updated_at);
