// RIS (the tagged format of EndNote, Zotero, Mendeley): one "TAG  - value" line per field, ER ends a record.
// Written here because it is a dozen lines and no maintained npm writer keeps arXiv's id; the tests parse it back
// with astrocite-ris.
import { plainText } from './citation-entries.js';
import type { CitationEntry } from './citations.models.js';

/** A value is one line: line breaks would start a new tag. */
const line = (tag: string, value: string) => `${tag}  - ${value.replace(/\s+/g, ' ').trim()}`;

export function risRecord(entry: CitationEntry): string {
  const [year, month, day] = entry.date.split('-');
  const lines = [
    // UNPB (unpublished work): what Zotero and EndNote read as a preprint; a journal version is only a DOI here.
    line('TY', 'UNPB'),
    line('ID', entry.key),
    line('TI', plainText(entry.title)),
    ...entry.authors.map((a) => line('AU', a.given ? `${a.family}, ${a.given}` : a.family)),
    line('PY', year!),
    line('DA', `${year}/${month}/${day}`),
    line('AN', `arXiv:${entry.arxivId}`),
    line('M1', `arXiv:${entry.arxivId} [${entry.primaryClass}]`),
    line('PB', 'arXiv'),
    line('UR', entry.url),
    line('L1', entry.pdfUrl),
    ...(entry.doi ? [line('DO', entry.doi)] : []),
    ...(entry.primaryClass ? [line('KW', entry.primaryClass)] : []),
    ...(entry.abstract ? [line('AB', plainText(entry.abstract))] : []),
    'ER  - ',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function risFile(entries: readonly CitationEntry[]): string {
  return entries.map(risRecord).join('\r\n');
}
