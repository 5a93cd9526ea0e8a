// FTS5's highlight()/snippet() mark matches with two control characters (stripped from all indexed text
// by the writer), so the text can be HTML-escaped first and the markers turned into <mark> afterwards:
// the output contains no markup but <mark>, whatever the abstract holds (TeX, "<", "&").
import type Database from 'better-sqlite3';

export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';
const SNIPPET_TOKENS = 48;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function markersToHtml(text: string): string {
  return escapeHtml(text).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}

export interface Highlighted {
  title: string;
  abstract: string;
  /** The whole title and abstract as indexed, matches between MARK_OPEN and MARK_CLOSE (not escaped), so that a
   *  page can render math first and marks after (a match inside $…$ must not split the TeX). */
  marked: { title: string; abstract: string };
}

export function createHighlighter(db: Database.Database) {
  // The CAST matters: with MATCH in the same WHERE, FTS5 (3.53) silently ignores "rowid = ?" when the bound
  // value is a REAL, which is how better-sqlite3 binds JS numbers — every match came back instead of one.
  const matched = db.prepare(
    `SELECT highlight(fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS title,
            snippet(fts, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', ${SNIPPET_TOKENS}) AS abstract,
            highlight(fts, 1, '${MARK_OPEN}', '${MARK_CLOSE}') AS markedAbstract
     FROM fts WHERE fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  );
  const plain = db.prepare('SELECT title, abstract FROM fts WHERE rowid = ?');

  /** Highlights the given papers for a MATCH string; without one (filters only) returns plain escaped text. */
  return function highlight({
    match,
    paperIds,
  }: {
    match: string | null;
    paperIds: number[];
  }): Map<number, Highlighted> {
    const out = new Map<number, Highlighted>();
    for (const id of paperIds) {
      const row = (match ? matched.get(match, id) : undefined) as
        | { title: string; abstract: string; markedAbstract: string }
        | undefined;
      if (row) {
        out.set(id, {
          title: markersToHtml(row.title),
          abstract: markersToHtml(row.abstract),
          marked: { title: row.title, abstract: row.markedAbstract },
        });
        continue;
      }
      const text = plain.get(id) as { title: string; abstract: string } | undefined;
      if (text)
        out.set(id, {
          title: escapeHtml(text.title),
          abstract: escapeHtml(truncateWords(text.abstract)),
          marked: { title: text.title, abstract: text.abstract },
        });
    }
    return out;
  };
}

function truncateWords(text: string): string {
  const words = text.split(' ');
  return words.length > SNIPPET_TOKENS ? `${words.slice(0, SNIPPET_TOKENS).join(' ')}…` : text;
}
