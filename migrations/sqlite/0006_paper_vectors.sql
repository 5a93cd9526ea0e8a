-- Paper embeddings: the source of truth behind every search index's vectors. Computing them is the costly part
-- of semantic search (hours at a million papers), so they live here, not only in a process's index file: every
-- app process's index copies what it lacks (following `seq`), and a rebuilt or deleted index loses nothing.
CREATE TABLE paper_vectors (
  paper_id INTEGER NOT NULL REFERENCES papers (id),
  model TEXT NOT NULL,                      -- the vector space (embedding provider id)
  text_hash TEXT NOT NULL,                  -- the search index's hash of the text the vector was computed from
  vec BLOB NOT NULL,                        -- float32 little-endian, unit length
  seq INTEGER NOT NULL,                     -- from counters.vector_seq: write order, followed by search indexes
  PRIMARY KEY (paper_id, model)
);
-- serves the followers' "vectors of model M written after seq N"
CREATE INDEX paper_vectors_model_seq ON paper_vectors (model, seq);
INSERT INTO counters (name, value) VALUES ('vector_seq', 0);
