// Writes SearchDocuments into the index. A batch and the sequence number it brings the index up to are
// committed in one transaction, so an interrupted sync resumes exactly where the last commit left it.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SearchIndexError } from './search.errors.js';
import type { SearchDocument } from './search.models.js';

// C0 controls are stripped from stored text because highlight() uses two of them as match markers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export function cleanText(text: string): string {
  return text.replace(CONTROL, ' ');
}

/** meta keys of the two counters the writer keeps (read by similar-cache.ts and segment-merge.ts). */
export const TEXT_EPOCH_KEY = 'text_epoch';
export const UNMERGED_KEY = 'unmerged_writes';

export interface IndexWriter {
  upsert(docs: readonly SearchDocument[]): { written: number; removed: number };
  remove(paperIds: readonly number[]): number;
}

export function createIndexWriter(db: Database.Database): IndexWriter {
  const getHash = db.prepare('SELECT text_hash FROM docs WHERE paper_id = ?').pluck();
  const insertDoc = db.prepare(
    `INSERT INTO docs (paper_id, arxiv_id, primary_category, year, published_at, has_code, upvotes, change_seq, text_hash,
                       categories, authors)
     VALUES (@paperId, @arxivId, @primaryCategory, @year, @publishedAt, @hasCode, @upvotes, @changeSeq, @textHash,
             @categories, @authors)
     ON CONFLICT (paper_id) DO UPDATE SET arxiv_id = excluded.arxiv_id, primary_category = excluded.primary_category,
       year = excluded.year, published_at = excluded.published_at, has_code = excluded.has_code,
       upvotes = excluded.upvotes, change_seq = excluded.change_seq, text_hash = excluded.text_hash,
       categories = excluded.categories, authors = excluded.authors`,
  );
  const deleteFts = db.prepare('DELETE FROM fts WHERE rowid = ?');
  const insertFts = db.prepare('INSERT INTO fts (rowid, title, abstract, authors, categories) VALUES (?, ?, ?, ?, ?)');
  const deleteCats = db.prepare('DELETE FROM doc_categories WHERE paper_id = ?');
  const insertCat = db.prepare('INSERT OR IGNORE INTO doc_categories (category, paper_id) VALUES (?, ?)');
  const deleteDoc = db.prepare('DELETE FROM docs WHERE paper_id = ?');
  const deleteVector = db.prepare('DELETE FROM vectors WHERE paper_id = ?');
  const readSeq = db.prepare("SELECT value FROM meta WHERE key = 'last_seq'").pluck();
  const writeSeq = db.prepare("UPDATE meta SET value = ? WHERE key = 'last_seq'");
  // Two counters beside last_seq, kept in the batch's transaction: the text epoch (one step per transaction that
  // changed any indexed text; precomputed similar papers are valid for one epoch, see similar-cache.ts) and the
  // full-text rows written since the last segment merge (segment-merge.ts decides from it when to merge).
  const addToCounter = db.prepare(
    `INSERT INTO meta (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)`,
  );
  const textChanged = (rows: number) => {
    if (rows === 0) return;
    addToCounter.run(TEXT_EPOCH_KEY, '1');
    addToCounter.run(UNMERGED_KEY, String(rows));
  };

  const removeOne = (paperId: number): boolean => {
    if (getHash.get(paperId) === undefined) return false;
    deleteFts.run(paperId);
    deleteCats.run(paperId);
    deleteDoc.run(paperId);
    deleteVector.run(paperId);
    return true;
  };

  /** Writes a paper's row; true when its indexed text was new or changed (the full-text row was rewritten). */
  const writeOne = (doc: SearchDocument): boolean => {
    const title = cleanText(doc.title);
    const abstract = cleanText(doc.abstract);
    const authors = cleanText(doc.authors.join(', '));
    const categories = doc.categories.map((c) => c.trim()).filter((c) => c.length > 0);
    const textHash = createHash('sha1')
      .update(`${title}\u0000${abstract}\u0000${authors}\u0000${categories.join(' ')}`)
      .digest('base64');
    const previous = getHash.get(doc.paperId) as string | undefined;
    insertDoc.run({
      paperId: doc.paperId,
      arxivId: doc.arxivId,
      // Kept as arXiv writes it (cs.LG, cond-mat.str-el) for facet labels; filters use the lower-cased doc_categories.
      primaryCategory: doc.primaryCategory.trim(),
      year: yearOf(doc.publishedAt),
      publishedAt: doc.publishedAt,
      hasCode: doc.hasCode ? 1 : 0,
      upvotes: Math.trunc(doc.upvotes) || 0,
      changeSeq: doc.changeSeq,
      textHash,
      categories: categories.join(' '),
      authors,
    });
    if (previous === textHash) return false;
    if (previous !== undefined) {
      deleteFts.run(doc.paperId);
      deleteCats.run(doc.paperId);
    }
    insertFts.run(doc.paperId, title, abstract, authors, categories.join(' '));
    for (const c of categories) insertCat.run(c.toLowerCase(), doc.paperId);
    return true;
  };

  const upsert = db.transaction((docs: readonly SearchDocument[]) => {
    let written = 0;
    let removed = 0;
    let texts = 0;
    let maxSeq = Number(readSeq.get());
    for (const doc of docs) {
      validate(doc);
      if (doc.withdrawn) removed += removeOne(doc.paperId) ? 1 : 0;
      else {
        if (writeOne(doc)) texts++;
        written++;
      }
      if (doc.changeSeq > maxSeq) maxSeq = doc.changeSeq;
    }
    writeSeq.run(String(maxSeq));
    textChanged(texts + removed);
    return { written, removed };
  });

  const remove = db.transaction((paperIds: readonly number[]) => {
    let removed = 0;
    for (const id of paperIds) removed += removeOne(id) ? 1 : 0;
    textChanged(removed);
    return removed;
  });

  return { upsert: (docs) => upsert(docs), remove: (ids) => remove(ids) };
}

function yearOf(publishedAt: string): number {
  const year = Number(publishedAt.slice(0, 4));
  return Number.isInteger(year) ? year : 0;
}

// A bad document aborts its whole batch (nothing half-written, lastSeq unchanged) with an error naming it.
function validate(doc: SearchDocument): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(doc.paperId) || doc.paperId <= 0) problems.push('paperId must be a positive integer');
  if (!Number.isSafeInteger(doc.changeSeq) || doc.changeSeq < 0) problems.push('changeSeq must be an integer ≥ 0');
  if (typeof doc.title !== 'string' || typeof doc.abstract !== 'string') problems.push('title/abstract must be text');
  if (!Array.isArray(doc.authors) || !Array.isArray(doc.categories)) problems.push('authors/categories must be arrays');
  if (typeof doc.publishedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(doc.publishedAt)) {
    problems.push('publishedAt must be an ISO date');
  }
  if (problems.length > 0) {
    throw new SearchIndexError({
      code: 'search.invalid_document',
      message: `search document ${String(doc.paperId)} (${String(doc.arxivId)}): ${problems.join('; ')}`,
    });
  }
}
