// Reads export.arxiv.org/api/query Atom feeds (the 2026 format; the 2016 layout parses too).
// The API names the version only in the entry id (".../abs/1707.08567v1") and gives two dates:
// `published` (v1) and `updated` (the latest version), so intermediate versions stay unknown.

import { parseArxivRef } from '../../core/arxiv-id.js';
import { extractLinks } from '../../core/code-links.js';
import { type Author, firstDoi, type Paper, type PaperVersion } from '../../core/paper.js';
import { cleanAbstract, cleanOptional, collapseSpace, commentsSayWithdrawn, toIsoTimestamp } from '../http/text.js';
import { attrOf, createXmlReader, isNode, listOf, textOf, type XmlNode } from '../http/xml-document.js';
import { ArxivApiError, ArxivApiParseError } from './errors.js';

export interface AtomFeedPage {
  papers: Paper[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
}

const read = createXmlReader({ arrayTags: ['entry', 'link', 'category', 'author', 'affiliation'] });
const ERROR_ID = /\/api\/errors#/;

export function parseAtomFeed(xml: string): AtomFeedPage {
  const result = read(xml);
  if (!result.ok) throw new ArxivApiParseError(result.reason);
  const feed = result.doc.feed;
  if (!isNode(feed)) throw new ArxivApiParseError('expected an Atom <feed> document');
  const entries = listOf(feed.entry).filter(isNode);
  const error = entries.find((e) => ERROR_ID.test(textOf(e.id) ?? ''));
  if (error) {
    throw new ArxivApiError({ detail: collapseSpace(textOf(error.summary) ?? ''), errorId: textOf(error.id) ?? '' });
  }
  const papers = entries.map(entryToPaper);
  return {
    papers,
    totalResults: count(feed.totalResults, papers.length),
    startIndex: count(feed.startIndex, 0),
    itemsPerPage: count(feed.itemsPerPage, papers.length),
  };
}

function entryToPaper(entry: XmlNode): Paper {
  const idText = (textOf(entry.id) ?? '').trim();
  const ref = parseArxivRef(idText);
  if (!ref) throw new ArxivApiParseError(`an entry has an unreadable id ${JSON.stringify(idText)}`);
  const published = toIsoTimestamp(textOf(entry.published));
  if (!published) throw new ArxivApiParseError(`entry ${idText} has no readable <published> date`);
  const updated = toIsoTimestamp(textOf(entry.updated)) ?? published;
  const version = ref.version ?? 1;
  // Version watch compares numbers: an id ending in "v0" is refused, not stored as a version below v1.
  if (version < 1) throw new ArxivApiParseError(`entry ${idText} names version v${version}`);
  const versions: PaperVersion[] = [{ version: 1, date: published }];
  if (version > 1) versions.push({ version, date: updated });
  const abstract = cleanAbstract(textOf(entry.summary) ?? '');
  const comments = cleanOptional(textOf(entry.comment));
  const categories = primaryFirst(
    attrOf(entry.primary_category, 'term'),
    listOf(entry.category).map((c) => attrOf(c, 'term') ?? ''),
  );
  return {
    arxivId: ref.id,
    version,
    title: collapseSpace(textOf(entry.title) ?? ''),
    abstract,
    authors: listOf(entry.author).map(readAuthor),
    primaryCategory: categories[0] ?? '',
    categories,
    comments,
    journalRef: cleanOptional(textOf(entry.journal_ref)),
    doi: firstDoi(cleanOptional(textOf(entry.doi))),
    license: null,
    publishedAt: published,
    updatedAt: updated,
    versions,
    withdrawn: commentsSayWithdrawn(comments),
    links: extractLinks([abstract, comments]),
  };
}

function readAuthor(node: unknown): Author {
  const affiliations = listOf(isNode(node) ? node.affiliation : undefined)
    .map((a) => collapseSpace(textOf(a) ?? ''))
    .filter((a) => a.length > 0);
  const name = collapseSpace(textOf(isNode(node) ? node.name : undefined) ?? '');
  return affiliations.length > 0 ? { name, affiliation: affiliations.join('; ') } : { name };
}

function primaryFirst(primary: string | null, all: string[]): string[] {
  const rest = all.filter((c) => c.length > 0 && c !== primary);
  return primary ? [primary, ...rest] : rest;
}

function count(node: unknown, fallback: number): number {
  const value = Number((textOf(node) ?? '').trim());
  return textOf(node) !== null && Number.isInteger(value) ? value : fallback;
}
