// CSL-JSON (the Citation Style Language's data format, read by pandoc, Zotero and citeproc): an array of items.
// An arXiv preprint is CSL type "article" with the arXiv id as its number, as Zotero exports it.
import { plainText } from './citation-entries.js';
import type { CitationEntry } from './citations.models.js';

export interface CslItem {
  id: string;
  'citation-key': string;
  type: 'article';
  title: string;
  author: Array<{ family: string; given?: string }>;
  issued: { 'date-parts': [[number, number, number]] };
  number: string;
  publisher: 'arXiv';
  URL: string;
  DOI?: string;
  abstract?: string;
}

export function cslItem(entry: CitationEntry): CslItem {
  const [year, month, day] = entry.date.split('-').map(Number);
  return {
    id: entry.key,
    'citation-key': entry.key,
    type: 'article',
    title: plainText(entry.title),
    author: entry.authors.map((a) => (a.given ? { family: a.family, given: a.given } : { family: a.family })),
    issued: { 'date-parts': [[year!, month!, day!]] },
    number: `arXiv:${entry.arxivId}`,
    publisher: 'arXiv',
    URL: entry.url,
    ...(entry.doi ? { DOI: entry.doi } : {}),
    ...(entry.abstract ? { abstract: plainText(entry.abstract) } : {}),
  };
}

export function cslJsonFile(entries: readonly CitationEntry[]): string {
  return `${JSON.stringify(entries.map(cslItem), null, 2)}\n`;
}
