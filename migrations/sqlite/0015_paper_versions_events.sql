-- Version watch (docs/ingest.md "Versions"). arXiv serves only a paper's latest title and abstract, so the text of
-- an older version is known only if this library stored it before the next version arrived: when a paper write
-- brings a higher version, the upsert copies the text it replaces here, in the same transaction. The current
-- version's text stays in papers (a bulk import does not write every abstract twice).
CREATE TABLE paper_versions (
  paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  abstract TEXT NOT NULL,
  recorded_at TEXT NOT NULL,                -- ISO-8601 UTC: when the next version replaced this text
  PRIMARY KEY (paper_id, version)           -- serves a paper's known texts, in version order
);

-- A stored paper got a higher version or was withdrawn: written by the same upsert, read in seq order by a later
-- fan-out (notifications). seq is the change_seq of the paper write that detected it, so it grows in commit order
-- (the counter row is locked until the writer commits): a reader that remembers the last seq it handled misses none.
CREATE TABLE paper_events (
  seq INTEGER PRIMARY KEY,
  paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('new_version', 'withdrawn')),
  version INTEGER NOT NULL CHECK (version >= 1),
  detected_at TEXT NOT NULL                 -- ISO-8601 UTC
);
-- a re-harvest of the same record never records the same event twice (INSERT OR IGNORE)
CREATE UNIQUE INDEX paper_events_once ON paper_events (paper_id, kind, version);

-- The paper page lists which versions' texts are known and the diff page shows them: a cached anonymous page must
-- change with them (the paper write beside them bumps paper_change_seq too; this holds for any other writer).
CREATE TRIGGER paper_versions_insert_page_change AFTER INSERT ON paper_versions BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_versions_update_page_change AFTER UPDATE ON paper_versions BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_versions_delete_page_change AFTER DELETE ON paper_versions BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
