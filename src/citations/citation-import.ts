// Reading a bibliography someone brings (a Zotero, Mendeley or JabRef export): BibTeX through
// @retorquere/bibtex-parser (Better BibTeX's parser: TeX decoded, errors reported, not guessed around) and RIS through
// astrocite-ris. Each entry keeps only what matching needs: its key, its title, and the arXiv id or DOI it names.
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseRis } from 'astrocite-ris';
import { parseArxivRef } from '../core/arxiv-id.js';
import { citationsEmpty, citationsMalformed, citationsTooLarge } from './citations.errors.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ENTRIES } from './citations.models.js';

export interface ImportedEntry {
  /** The entry's citation key (BibTeX) or ID (RIS), or its position ("entry 3") when it has none. */
  key: string;
  title: string;
  arxivId: string | null;
  doi: string | null;
}

export type BibliographyFormat = 'bibtex' | 'ris';

const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
// Where reference managers put an arXiv id: arxiv.org URLs, "arXiv:2401.01234" in journal/note/number fields.
const ARXIV_IN_TEXT = [
  /arxiv\.org\/(?:abs|pdf|html)\/([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})/i,
  /arxiv:\s*([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})/i,
];

export function normaliseDoi(text: string): string | null {
  const doi = text
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi.toLowerCase() : null;
}

function arxivIdIn(values: readonly string[], eprint: string | null): string | null {
  if (eprint) {
    const ref = parseArxivRef(eprint);
    if (ref) return ref.id;
  }
  for (const value of values) {
    const doi = ARXIV_DOI.exec(value.trim());
    if (doi) {
      const ref = parseArxivRef(doi[1]!);
      if (ref) return ref.id;
    }
    for (const pattern of ARXIV_IN_TEXT) {
      const match = pattern.exec(value);
      const ref = match ? parseArxivRef(match[1]!) : null;
      if (ref) return ref.id;
    }
  }
  return null;
}

export function detectFormat(text: string): BibliographyFormat | null {
  const first = text.trimStart();
  if (/^TY {1,2}- /.test(first)) return 'ris';
  if (/^(%[^\n]*\n\s*)*@/.test(first) || /^\s*@[A-Za-z]+\s*[{(]/m.test(text)) return 'bibtex';
  return null;
}

function readBibtex(text: string): ImportedEntry[] {
  let library: ReturnType<typeof parseBibtex>;
  try {
    // Titles as written: no sentence-casing, which only guesses at English. A TeX command the parser does not know
    // (\log in a title's math) is kept as written instead of refusing the whole file.
    library = parseBibtex(text, { sentenceCase: false, unsupported: (_node, tex) => tex });
  } catch (error) {
    throw citationsMalformed({
      message: `That BibTeX could not be read (${(error as Error).message}); nothing was imported.`,
    });
  }
  if (library.errors.length > 0) {
    throw citationsMalformed({
      message: `That BibTeX could not be read: ${library.errors[0]!.error}; nothing was imported.`,
    });
  }
  return library.entries.map((entry, i) => {
    const fields = entry.fields as Record<string, unknown>;
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : null);
    const values = Object.values(fields).filter((v): v is string => typeof v === 'string');
    const archive = text('archiveprefix') ?? text('eprinttype');
    const eprint = text('eprint');
    return {
      key: entry.key || `entry ${i + 1}`,
      title: text('title') ?? '',
      arxivId: arxivIdIn(values, !archive || /arxiv/i.test(archive) ? eprint : null),
      doi: text('doi') ? normaliseDoi(text('doi')!) : null,
    };
  });
}

function readRis(text: string): ImportedEntry[] {
  let items: Array<Record<string, unknown>>;
  try {
    // astrocite's grammar wants every record closed by "ER  -" and a final line break.
    items = parseRis(`${text.replace(/\r\n?/g, '\n').trimEnd()}\n`);
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 200);
    throw citationsMalformed({ message: `That RIS could not be read (${reason}); nothing was imported.` });
  }
  // astrocite invents a random id for a record without an ID tag; those are named by position instead.
  const hasIds = /^ID {1,2}- \S/m.test(text);
  return items.map((item, i) => {
    const values = Object.values(item).filter((v): v is string => typeof v === 'string');
    return {
      key: hasIds && typeof item.id === 'string' ? item.id : `entry ${i + 1}`,
      title: typeof item.title === 'string' ? item.title : '',
      arxivId: arxivIdIn(values, null),
      doi: typeof item.DOI === 'string' ? normaliseDoi(item.DOI) : null,
    };
  });
}

/** Reads a whole bibliography or refuses it whole: a malformed file imports nothing. */
export function readBibliography(text: string): { format: BibliographyFormat; entries: ImportedEntry[] } {
  if (Buffer.byteLength(text, 'utf8') > IMPORT_MAX_BYTES) {
    throw citationsTooLarge({ message: `A bibliography to import can be at most ${IMPORT_MAX_BYTES / 1_000_000} MB.` });
  }
  if (text.trim().length === 0) throw citationsEmpty();
  const format = detectFormat(text);
  if (!format) {
    throw citationsMalformed({
      message:
        'That is neither BibTeX (entries start with "@") nor RIS (records start with "TY  - "); nothing was imported.',
    });
  }
  const entries = format === 'ris' ? readRis(text) : readBibtex(text);
  if (entries.length === 0)
    throw citationsMalformed({ message: 'That bibliography has no entries; nothing was imported.' });
  if (entries.length > IMPORT_MAX_ENTRIES) {
    throw citationsTooLarge({ message: `A bibliography to import can have at most ${IMPORT_MAX_ENTRIES} entries.` });
  }
  return { format, entries };
}
