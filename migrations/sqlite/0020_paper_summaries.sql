-- One-sentence summaries written by an optional OpenAI-compatible chat endpoint (src/summaries/), cached by the
-- hash of the abstract they summarise: a changed abstract gets a new summary, an unchanged one is never sent again.
-- A paper the endpoint could not summarise (a refusal that retrying will not change) keeps summary NULL and the
-- error, so the job does not ask again until the abstract changes.
CREATE TABLE paper_summaries (
  paper_id INTEGER PRIMARY KEY REFERENCES papers (id),
  abstract_hash TEXT NOT NULL,
  summary TEXT,
  model TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL
);
CREATE TRIGGER paper_summaries_insert_page_change AFTER INSERT ON paper_summaries BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_summaries_update_page_change AFTER UPDATE ON paper_summaries BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_summaries_delete_page_change AFTER DELETE ON paper_summaries BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
