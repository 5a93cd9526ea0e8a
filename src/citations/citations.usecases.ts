// Cite and export: one paper or a whole list (a collection, an author's papers, a search's results) as BibTeX, RIS
// or CSL-JSON; and import of a bibliography into a collection, matched to stored papers by arXiv id or DOI.
// One use case per list, so the pages' download links and any future API call the same functions.
import { collectionForbidden } from '../community/collections.errors.js';
import { getCollection } from '../community/collections.usecases.js';
import { requireWriter, type Viewer } from '../community/viewer.models.js';
import { authorKey } from '../core/author-key.js';
import type { Paper } from '../core/paper.js';
import { authorNotFound } from '../papers/papers.errors.js';
import { findPaper } from '../papers/papers.usecases.js';
import type { Store } from '../store/store.js';
import { bibtexFile } from './bibtex-writer.js';
import { citationEntries } from './citation-entries.js';
import { readBibliography } from './citation-import.js';
import { EXPORT_CAP, type ExportFormat } from './citations.models.js';
import { cslJsonFile } from './csl-json-writer.js';
import { risFile } from './ris-writer.js';

export function formatCitations(papers: readonly Paper[], format: ExportFormat): string {
  const entries = citationEntries(papers);
  if (format === 'bib') return bibtexFile(entries);
  if (format === 'ris') return risFile(entries);
  return cslJsonFile(entries);
}

export interface CitationExport {
  /** File name without extension: the paper's id, the collection's or author's name. */
  name: string;
  papers: Paper[];
}

export async function paperExport(store: Store, idText: string): Promise<CitationExport> {
  const paper = await findPaper(store, idText);
  return { name: paper.arxivId.replace('/', '-'), papers: [paper] };
}

/** A private collection exports only for its owner (everyone else gets the same 404 as its page). */
export async function collectionExport(opts: { store: Store; viewer: Viewer | null; id: unknown }) {
  const { collection, items } = await getCollection(opts);
  return { name: `collection-${collection.id}`, papers: items.slice(0, EXPORT_CAP).map((i) => i.paper) };
}

export async function authorExport(opts: { store: Store; slug: string }): Promise<CitationExport> {
  const key = authorKey(opts.slug);
  const { items, total } = await opts.store.authors.papers({ key, limit: EXPORT_CAP, offset: 0 });
  if (total === 0) throw authorNotFound({ message: `No paper here has an author named "${opts.slug.slice(0, 100)}".` });
  return { name: `author-${key}`, papers: items.map((i) => i.paper) };
}

export interface ImportReport {
  format: 'bibtex' | 'ris';
  added: Array<{ key: string; arxivId: string }>;
  alreadyThere: Array<{ key: string; arxivId: string }>;
  unmatched: Array<{ key: string; title: string }>;
}

/** Adds the bibliography's papers that this site has; reads the whole file first, so a malformed one changes nothing. */
export async function importIntoCollection(opts: {
  store: Store;
  viewer: Viewer | null;
  requireVerifiedEmail: boolean;
  id: unknown;
  text: string;
  now?: Date;
}): Promise<ImportReport> {
  const { store } = opts;
  const viewer = requireWriter(opts.viewer, opts);
  const { collection } = await getCollection({ store, viewer, id: opts.id });
  if (collection.userId !== viewer.id) throw collectionForbidden();
  const { format, entries } = readBibliography(opts.text);
  const arxivIds = [...new Set(entries.flatMap((e) => (e.arxivId ? [e.arxivId] : [])))];
  const dois = [...new Set(entries.flatMap((e) => (e.doi && !e.arxivId ? [e.doi] : [])))];
  const [byArxiv, byDoi] = await Promise.all([
    store.citations.findByArxivIds(arxivIds),
    store.citations.findByDois(dois),
  ]);
  const arxivIndex = new Map(byArxiv.map((p) => [p.arxivId, p]));
  const doiIndex = new Map(byDoi.flatMap((p) => (p.doi ? [[p.doi.toLowerCase(), p] as const] : [])));
  const now = (opts.now ?? new Date()).toISOString();
  const report: ImportReport = { format, added: [], alreadyThere: [], unmatched: [] };
  for (const entry of entries) {
    const paper = (entry.arxivId && arxivIndex.get(entry.arxivId)) || (entry.doi && doiIndex.get(entry.doi)) || null;
    if (!paper) {
      report.unmatched.push({ key: entry.key, title: entry.title });
      continue;
    }
    const added = await store.collections.addPaper(collection.id, paper.id, now);
    (added ? report.added : report.alreadyThere).push({ key: entry.key, arxivId: paper.arxivId });
  }
  return report;
}
