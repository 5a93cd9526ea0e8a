-- Links a paper's claimed authors (or a moderator) set: code repository, project page, and further links
-- (dataset, model, demo). papers.code_url / project_url hold the link every page and API shows: the author's
-- when set, else the one extracted from the abstract. The trigger keeps the author's link when a harvest rewrites
-- the paper (the upsert writes the extracted link), so no read path needs to know about this table.
CREATE TABLE paper_links (
  paper_id INTEGER PRIMARY KEY REFERENCES papers (id),
  code_url TEXT,                            -- null: the link extracted from the abstract stays
  project_url TEXT,                         -- null: likewise
  extra_json TEXT NOT NULL DEFAULT '[]',    -- [{kind: dataset | model | demo, url}]
  updated_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL
);

CREATE TRIGGER papers_keep_author_links AFTER UPDATE OF code_url, project_url ON papers
WHEN EXISTS (SELECT 1 FROM paper_links WHERE paper_id = NEW.id AND (code_url IS NOT NULL OR project_url IS NOT NULL))
BEGIN
  UPDATE papers SET
    code_url = COALESCE((SELECT code_url FROM paper_links WHERE paper_id = NEW.id), NEW.code_url),
    project_url = COALESCE((SELECT project_url FROM paper_links WHERE paper_id = NEW.id), NEW.project_url)
  WHERE id = NEW.id;
END;

-- The paper page shows the further links: bump the page version with them (see 0012).
CREATE TRIGGER paper_links_insert_page_change AFTER INSERT ON paper_links BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_links_update_page_change AFTER UPDATE ON paper_links BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_links_delete_page_change AFTER DELETE ON paper_links BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
