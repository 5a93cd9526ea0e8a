// Citation entries and the three export formats. A CitationEntry is a paper as reference managers see it: names
// split into family and given parts, TeX accents already decoded, one citation key unique within its export.

export interface CitationName {
  family: string;
  /** Empty for one-word names ("Plato", a collaboration). */
  given: string;
}

export interface CitationEntry {
  key: string;
  /** The title as arXiv has it, TeX accents decoded; math (`$…$`) kept as its source. */
  title: string;
  authors: CitationName[];
  /** v1 submission date, "2024-01-02": arXiv cites a preprint by its first version. */
  date: string;
  arxivId: string;
  primaryClass: string;
  doi: string | null;
  url: string;
  pdfUrl: string;
  abstract: string;
}

export const EXPORT_FORMATS = {
  bib: { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib', label: 'BibTeX' },
  ris: { contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris', label: 'RIS' },
  'csl.json': {
    contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    extension: 'csl.json',
    label: 'CSL-JSON',
  },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const exportFormats = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/** Most papers one list export holds (a search's results, a collection, an author's papers). */
export const EXPORT_CAP = 200;

/** Largest BibTeX/RIS text an import accepts: a Zotero export of ~1,000 entries with abstracts. */
export const IMPORT_MAX_BYTES = 1_000_000;

/** Most entries one import reads. */
export const IMPORT_MAX_ENTRIES = 1000;
