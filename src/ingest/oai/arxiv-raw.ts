// arXivRaw metadata → Paper. arXivRaw is the richest OAI format: every version with its RFC 1123 date and
// size, free-text authors, and possibly several DOIs ("10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902").

import { parseArxivRef } from '../../core/arxiv-id.js';
import { extractLinks } from '../../core/code-links.js';
import { firstDoi, type Paper, type PaperVersion } from '../../core/paper.js';
import { versionListProblem } from '../../core/paper-versions.js';
import { parseAuthorList } from '../authors.js';
import { cleanAbstract, cleanOptional, collapseSpace, commentsSayWithdrawn, toIsoTimestamp } from '../http/text.js';
import { attrOf, listOf, textOf, type XmlNode } from '../http/xml-document.js';
import { OaiParseError } from './errors.js';

export function arxivRawToPaper(meta: XmlNode, identifier: string): Paper {
  const arxivId = requireArxivId(textOf(meta.id), identifier);
  const versions = listOf(meta.version)
    .map((v) => readVersion(v, identifier))
    .sort((a, b) => a.version - b.version);
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (!first || !last) throw new OaiParseError(`record ${identifier} has no <version> entries`);
  const problem = versionListProblem(versions);
  if (problem) throw new OaiParseError(`record ${identifier}: ${problem}`);
  return {
    ...commonFields(meta, arxivId),
    authors: parseAuthorList(textOf(meta.authors) ?? ''),
    version: last.version,
    publishedAt: first.date,
    updatedAt: last.date,
    versions,
  };
}

/** Fields arXivRaw and the arXiv format share, element for element. */
export function commonFields(meta: XmlNode, arxivId: string) {
  const categories = collapseSpace(textOf(meta.categories) ?? '')
    .split(' ')
    .filter((c) => c.length > 0);
  const abstract = cleanAbstract(textOf(meta.abstract) ?? '');
  const comments = cleanOptional(textOf(meta.comments));
  return {
    arxivId,
    title: collapseSpace(textOf(meta.title) ?? ''),
    abstract,
    primaryCategory: categories[0] ?? '',
    categories,
    comments,
    journalRef: cleanOptional(textOf(meta['journal-ref'])),
    doi: firstDoi(textOf(meta.doi)),
    license: cleanOptional(textOf(meta.license)),
    withdrawn: commentsSayWithdrawn(comments),
    links: extractLinks([abstract, comments]),
  } satisfies Partial<Paper>;
}

/** arXiv lets submitters list several DOIs, separated by spaces, commas or semicolons; the first is the paper's. */
export function requireArxivId(text: string | null, identifier: string): string {
  const ref = text ? parseArxivRef(text) : null;
  if (!ref) throw new OaiParseError(`record ${identifier} has no valid arXiv <id> (got ${JSON.stringify(text)})`);
  return ref.id;
}

function readVersion(node: unknown, identifier: string): PaperVersion {
  const label = attrOf(node, 'version') ?? '';
  const number = /^v(\d+)$/.exec(label.trim());
  const date = toIsoTimestamp(textOf((node as XmlNode | null)?.date));
  if (!number || !date) {
    throw new OaiParseError(`record ${identifier} has an unreadable <version> (${JSON.stringify(label)})`);
  }
  const size = cleanOptional(textOf((node as XmlNode).size));
  return size ? { version: Number(number[1]), date, size } : { version: Number(number[1]), date };
}
