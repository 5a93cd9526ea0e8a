// The search index file's schema. It is derived data: when the schema version changes the file is simply
// emptied and refilled from the store (lastSeq goes back to 0), so there are no migrations here.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

/** FTS5 column order; bm25() weights and highlight() column numbers follow it. */
export const FTS_COLUMNS = ['title', 'abstract', 'authors', 'categories'] as const;

/**
 * Postings of the common terms (impact-index.ts), derived from fts: each term's papers in paper order, in blocks of
 * 128 whose largest BM25 impact is kept apart, so a query skips blocks that cannot reach its top k (impact-topk.ts).
 * `prefix` names the set: "impact" is the one queries read, "impact_next" the one a rebuild fills beside it.
 */
export function impactTablesDdl(prefix: string): string {
  return `
-- One row per listed term: its number in this set, df and, per block, its last paper id and its impact bound.
CREATE TABLE IF NOT EXISTS ${prefix}_lists (term TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL, blocks INTEGER NOT NULL, bounds BLOB NOT NULL) WITHOUT ROWID;
-- The postings, a piece (8 blocks) a row keyed by term number × 2^20 + piece (one B-tree seek): the paper ids
-- first (a membership test reads only them), then the counts and row lengths (read when a paper is scored).
CREATE TABLE IF NOT EXISTS ${prefix}_pieces (key INTEGER PRIMARY KEY, ids BLOB NOT NULL, data BLOB NOT NULL);
-- Papers written since the lists were built: scored from their text until the next build.
CREATE TABLE IF NOT EXISTS ${prefix}_fresh (paper_id INTEGER PRIMARY KEY);
-- Papers the lists hold whose text changed or that left the index, with the lists that hold them (df corrections).
CREATE TABLE IF NOT EXISTS ${prefix}_dead (paper_id INTEGER PRIMARY KEY, terms TEXT NOT NULL);
`;
}

const DDL = `
-- The first layout of the impact lists (impact-ordered chunks): derived data, dropped.
DROP TABLE IF EXISTS impact_chunks; DROP TABLE IF EXISTS impact_terms;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per indexed paper; rowid = paperId = the FTS rowid, so a match joins without a lookup index.
CREATE TABLE IF NOT EXISTS docs (
  paper_id INTEGER PRIMARY KEY,
  arxiv_id TEXT NOT NULL,
  primary_category TEXT NOT NULL,
  year INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  has_code INTEGER NOT NULL,
  upvotes INTEGER NOT NULL,
  change_seq INTEGER NOT NULL,
  -- Lets an upsert that only changed votes or flags skip rewriting the full-text row.
  text_hash TEXT NOT NULL,
  -- Every category as arXiv writes them, space-separated: facets count cross-lists (reading them from the FTS
  -- content row instead, which holds the abstract too, tripled the cost of a title search at 1M papers).
  categories TEXT NOT NULL DEFAULT '',
  -- Author names joined by ", " (as in the FTS authors column): tells a name query which candidates the person wrote.
  authors TEXT NOT NULL DEFAULT ''
);
-- Serves filter-only listings sorted by date ("cat:cs.LG year:2024", sort=newest).
CREATE INDEX IF NOT EXISTS docs_published ON docs (published_at);
-- Serves cat:… filters: every category of a paper, not only the primary one.
CREATE TABLE IF NOT EXISTS doc_categories (
  category TEXT NOT NULL,
  paper_id INTEGER NOT NULL,
  PRIMARY KEY (category, paper_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  title, abstract, authors, categories,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Document frequency of every term, read by the query planner and more-like-this.
CREATE VIRTUAL TABLE IF NOT EXISTS fts_row USING fts5vocab(fts, row);
-- Snapshot of fts_row: reading a very common term's frequency from fts_row walks its whole doclist
-- (tens of ms at 1M papers), so the planner reads this table and refreshes it after large syncs.
CREATE TABLE IF NOT EXISTS term_stats (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
-- Paper embeddings (see vector-store.ts): the vector space (model) and the text (docs.text_hash) each came from.
CREATE TABLE IF NOT EXISTS vectors (
  paper_id INTEGER PRIMARY KEY,
  model TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  seq INTEGER NOT NULL,
  vec BLOB NOT NULL
);
${impactTablesDdl('impact')}
-- Serves the HNSW catch-up ("vectors of model M written since seq N") and counting a model's vectors.
CREATE INDEX IF NOT EXISTS vectors_model_seq ON vectors (model, seq);
`;

export function applySchema(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Reads dominate; 64 MB of page cache keeps hot doclists in memory at 1M papers.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const version = readVersion(db);
  if (version !== null && version !== SCHEMA_VERSION) dropAll(db);
  dropOldImpactLayout(db);
  db.exec(DDL);
  addDocCategories(db);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('last_seq', '0');
  // Names this index file, so a saved HNSW graph is never loaded into a rebuilt index.
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('index_id', randomUUID());
}

/** Index files made before docs.categories / docs.authors existed get the columns, filled from the FTS rows (once). */
function addDocCategories(db: Database.Database): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('docs') as string[];
  for (const column of ['categories', 'authors']) {
    if (columns.includes(column)) continue;
    db.exec(`ALTER TABLE docs ADD COLUMN ${column} TEXT NOT NULL DEFAULT '';
      UPDATE docs SET ${column} = coalesce((SELECT ${column} FROM fts WHERE fts.rowid = docs.paper_id), '')`);
  }
}

/** Impact lists stored in an earlier layout are derived data: dropped, and rebuilt on the worker (the layout
 *  marker in meta no longer matches, impact-index.ts). */
function dropOldImpactLayout(db: Database.Database): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('impact_pieces') as string[];
  if (columns.length === 0 || columns.includes('ids')) return;
  db.exec(`${IMPACT_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' ')}
    DELETE FROM meta WHERE key = 'impact_weights'`);
}

const IMPACT_TABLES = ['impact', 'impact_next', 'impact_old'].flatMap((p) =>
  ['lists', 'pieces', 'fresh', 'dead'].map((t) => `${p}_${t}`),
);

function readVersion(db: Database.Database): number | null {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!table) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

function dropAll(db: Database.Database): void {
  db.exec(`
    DROP TABLE IF EXISTS vectors; DROP TABLE IF EXISTS similar_papers; DROP TABLE IF EXISTS similar_lists;
    DROP TABLE IF EXISTS impact_lists; DROP TABLE IF EXISTS impact_pieces; DROP TABLE IF EXISTS impact_next_lists;
    DROP TABLE IF EXISTS impact_next_pieces; DROP TABLE IF EXISTS impact_next_fresh; DROP TABLE IF EXISTS impact_next_dead;
    DROP TABLE IF EXISTS impact_fresh; DROP TABLE IF EXISTS impact_dead;
    DROP TABLE IF EXISTS fts_row; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS term_stats;
    DROP TABLE IF EXISTS doc_categories; DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS meta;
  `);
}
