import { createHash } from 'node:crypto';
import { authorKey } from '../core/author-key.js';
import { codeUrlOf, type Paper, projectUrlOf } from '../core/paper.js';
import type { StoredPaper } from '../papers/papers.models.js';
import type { PapersTable } from './schema.js';

// Kept for callers outside the content area that still import the type from here; new code imports it from
// papers/papers.models.ts.

export type PaperRow = Omit<PapersTable, 'id'> & { id: number };

export type PaperWriteRow = Omit<PapersTable, 'id' | 'change_seq' | 'created_at' | 'modified_at'>;

/**
 * A row as the bulk import hands it over: the papers columns, plus the key of each author in list order (JSON
 * array), folded on the import's parse worker. Filing the papers under their authors after the import then reads
 * these instead of reading every author list back and folding each name on the writing thread — a third of the
 * filing's time at 1M papers (see paper-authors.backfill.ts). Not a column: it is not part of the content hash.
 */
export type PaperImportRow = PaperWriteRow & { authorKeysJson?: string };

export function paperToImportRow(paper: Paper): PaperImportRow {
  const row: PaperImportRow = paperToRow(paper);
  row.authorKeysJson = JSON.stringify(paper.authors.map((a) => authorKey(a.name)));
  return row;
}

export function paperToRow(paper: Paper): PaperWriteRow {
  const row = {
    arxiv_id: paper.arxivId,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors_json: JSON.stringify(paper.authors),
    primary_category: paper.primaryCategory,
    categories: paper.categories.join(' '),
    comments: paper.comments,
    journal_ref: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    published_at: paper.publishedAt,
    updated_at: paper.updatedAt,
    versions_json: JSON.stringify(paper.versions),
    withdrawn: paper.withdrawn,
    links_json: JSON.stringify(paper.links),
    code_url: codeUrlOf(paper),
    project_url: projectUrlOf(paper),
    content_hash: '',
  };
  row.content_hash = contentHash(row);
  return row;
}

// The digest of every column, each followed by \u0001 (a missing one as \u0000). Hashed as one string: the same
// bytes, so the same hash, as one update per column, at a twentieth of the calls into the hash (which were a tenth
// of the parse worker's time on a bulk import).
function contentHash(row: Omit<PaperWriteRow, 'content_hash'>): string {
  let text = '';
  for (const value of Object.values(row)) text += `${value ?? '\u0000'}\u0001`;
  return createHash('sha1').update(text).digest('base64url');
}

export function rowToPaper(row: PaperRow): StoredPaper {
  return {
    id: row.id,
    changeSeq: Number(row.change_seq),
    arxivId: row.arxiv_id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors_json),
    primaryCategory: row.primary_category,
    categories: row.categories ? row.categories.split(' ') : [],
    comments: row.comments,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    versions: JSON.parse(row.versions_json),
    withdrawn: Boolean(row.withdrawn),
    links: JSON.parse(row.links_json),
    codeUrl: row.code_url,
    projectUrl: row.project_url,
  };
}

export type UpsertAction = 'insert' | 'update' | 'unchanged';

/**
 * What an incoming version does to the stored one. An older version never overwrites a newer one
 * (a stale snapshot imported after a harvest must not roll papers back); same content is "unchanged",
 * which keeps re-imports idempotent and leaves the change sequence alone.
 */
export function classifyUpsert(
  incoming: Pick<PaperWriteRow, 'version' | 'content_hash'>,
  existing: { version: number; content_hash: string } | undefined,
): UpsertAction {
  if (!existing) return 'insert';
  if (incoming.version < existing.version) return 'unchanged';
  return incoming.content_hash === existing.content_hash ? 'unchanged' : 'update';
}

export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}
