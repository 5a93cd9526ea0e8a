-- Background job state: a lease per job so that no job ever runs twice at once, across processes too.
CREATE TABLE job_state (
  name TEXT PRIMARY KEY,
  locked_by TEXT,                           -- instance id holding the lease
  locked_until TEXT,                        -- lease expiry; a crashed holder's lease simply runs out
  last_started_at TEXT,
  last_finished_at TEXT,
  last_status TEXT,                         -- ok | failed
  last_message TEXT,
  runs INTEGER NOT NULL DEFAULT 0
);
