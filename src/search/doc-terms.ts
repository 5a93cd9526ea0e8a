// The terms of given papers as FTS5 sees them: each paper's indexed text is tokenised again by a scratch FTS5
// table with the index's own tokenizer and columns, so counts per column and the row length are exactly those
// the index holds. Used for papers the impact lists do not cover (written since they were built) and for the terms a
// paper had before a write changes its text (impact-index.ts track).
import type Database from 'better-sqlite3';
import type { ColumnCounts } from './bm25.js';

export interface DocTerms {
  /** Tokens in all columns (FTS5's D). */
  length: number;
  terms: Map<string, ColumnCounts>;
}

export function createDocTermReader(db: Database.Database) {
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_scratch USING fts5(title, abstract, authors, categories,
      content = '', tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_scratch_terms USING fts5vocab(temp, doc_scratch, instance);
  `);
  const copy = db.prepare(
    `INSERT INTO temp.doc_scratch (rowid, title, abstract, authors, categories)
     SELECT f.rowid, f.title, f.abstract, f.authors, f.categories FROM json_each(?) j CROSS JOIN fts f ON f.rowid = j.value`,
  );
  const instances = db.prepare('SELECT doc, term, col FROM temp.doc_scratch_terms').raw();
  // Contentless, so that 'delete-all' empties it: DELETE leaves tombstones that every later scan walks (a scratch
  // table cleared by DELETE after each query had grown to 100–250 ms per read within a few hundred queries).
  const clear = db.prepare("INSERT INTO temp.doc_scratch (doc_scratch) VALUES ('delete-all')");
  // CROSS JOIN from the ids: FTS5 seeks each rowid; with "rowid IN (…)" SQLite scanned the whole table (≈100 ms at 300k).
  const column: Record<string, number> = { title: 0, abstract: 1, authors: 2, categories: 3 };

  return db.transaction((paperIds: readonly number[]): Map<number, DocTerms> => {
    const out = new Map<number, DocTerms>();
    if (paperIds.length === 0) return out;
    copy.run(JSON.stringify(paperIds));
    for (const [doc, term, col] of instances.iterate() as Iterable<[number, string, string]>) {
      let entry = out.get(doc);
      if (!entry) {
        entry = { length: 0, terms: new Map() };
        out.set(doc, entry);
      }
      entry.length++;
      const counts = (entry.terms.get(term) as number[] | undefined) ?? [0, 0, 0, 0];
      counts[column[col]!]!++;
      entry.terms.set(term, counts as unknown as ColumnCounts);
    }
    clear.run();
    return out;
  });
}
