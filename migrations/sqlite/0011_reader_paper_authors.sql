-- Author pages: one row per (author key, paper). The key folds case, accents and punctuation (core/author-key.ts),
-- which SQL cannot compute, so the application fills this table on every paper write and fills it for the papers
-- stored before this migration once, on start-up (papers.repository.ts backfillAuthors, resumable by paper id).
CREATE TABLE paper_authors (
  author_key TEXT NOT NULL,
  paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,                -- 0-based place in the author list (the name is in papers.authors_json)
  PRIMARY KEY (author_key, paper_id)
);
-- serves rewriting a paper's authors when the paper changes
CREATE INDEX paper_authors_paper ON paper_authors (paper_id);
-- the highest paper id the one-time backfill has done; -1 once it is complete
INSERT INTO counters (name, value) VALUES ('paper_authors_backfilled_to', 0);
