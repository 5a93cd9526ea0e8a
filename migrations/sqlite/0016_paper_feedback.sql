-- Explicit negative feedback on recommendations ("not interested"): the per-user model trains on these rows as
-- negatives, and a paper marked here is never recommended to that reader again. Only the reader's own pages
-- show it, so no anonymous cached page changes with it and no page-change trigger is needed.
CREATE TABLE paper_feedback (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('not_interested')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, paper_id, kind)     -- marking twice is one row; serves a reader's feedback
);
-- serves "users with new feedback since …", the recommendations job's active users
CREATE INDEX paper_feedback_created ON paper_feedback (created_at);
