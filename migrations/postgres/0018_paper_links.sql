-- Links a paper's claimed authors (or a moderator) set: code repository, project page, and further links
-- (dataset, model, demo). papers.code_url / project_url hold the link every page and API shows: the author's
-- when set, else the one extracted from the abstract. The trigger keeps the author's link when a harvest rewrites
-- the paper (the upsert writes the extracted link), so no read path needs to know about this table.
CREATE TABLE paper_links (
  paper_id BIGINT PRIMARY KEY REFERENCES papers (id),
  code_url TEXT,                            -- null: the link extracted from the abstract stays
  project_url TEXT,                         -- null: likewise
  extra_json TEXT NOT NULL DEFAULT '[]',    -- [{kind: dataset | model | demo, url}]
  updated_by BIGINT REFERENCES users (id),
  updated_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION keep_author_paper_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chosen RECORD;
BEGIN
  SELECT code_url, project_url INTO chosen FROM paper_links WHERE paper_id = NEW.id;
  IF FOUND THEN
    NEW.code_url := COALESCE(chosen.code_url, NEW.code_url);
    NEW.project_url := COALESCE(chosen.project_url, NEW.project_url);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER papers_keep_author_links BEFORE UPDATE OF code_url, project_url ON papers FOR EACH ROW EXECUTE FUNCTION keep_author_paper_links();

-- The paper page shows the further links: bump the page version with them (see 0012).
CREATE TRIGGER paper_links_page_change AFTER INSERT OR UPDATE OR DELETE ON paper_links FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
