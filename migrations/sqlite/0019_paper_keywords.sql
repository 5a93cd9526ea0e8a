-- Keywords of every paper, extracted from its title and abstract without an LLM (src/keywords/), written by the
-- `keywords` job. text_hash is the hash of the text they were computed from: a paper whose title or abstract
-- changed shows no stale keywords (the reader compares it) and gets new ones on the job's next run.
CREATE TABLE paper_keywords (
  paper_id INTEGER PRIMARY KEY REFERENCES papers (id),
  keywords_json TEXT NOT NULL,              -- JSON array of phrases, best first
  text_hash TEXT NOT NULL,
  computed_at TEXT NOT NULL
);
-- Cards and paper pages show keywords, and anonymous pages are cached by the page version (migration 0012).
CREATE TRIGGER paper_keywords_insert_page_change AFTER INSERT ON paper_keywords BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_keywords_update_page_change AFTER UPDATE ON paper_keywords BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_keywords_delete_page_change AFTER DELETE ON paper_keywords BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
-- serves GET /api/papers: every paper, newest arXiv date first, paged by a (published_at, id) cursor
CREATE INDEX papers_published_id ON papers (published_at, id);
