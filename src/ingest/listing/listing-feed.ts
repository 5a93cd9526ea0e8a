// Reads rss.arxiv.org new-submission feeds (RSS 2.0). Each item says which paper was announced and how
// ("new", "cross", "replace", "replace-cross"). The feed carries no submission dates and no comments:
// publishedAt/updatedAt are the announcement day (pubDate), so callers wanting exact dates look the ids up
// through the API. On weekends and holidays the channel has no items at all.

import { parseArxivRef } from '../../core/arxiv-id.js';
import { extractLinks } from '../../core/code-links.js';
import type { Paper } from '../../core/paper.js';
import { parseAuthorList } from '../authors.js';
import { cleanAbstract, cleanOptional, collapseSpace, toIsoTimestamp } from '../http/text.js';
import { createXmlReader, isNode, listOf, textOf, type XmlNode } from '../http/xml-document.js';
import { ListingParseError } from './errors.js';

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross' | (string & {});

export interface ListingItem {
  paper: Paper;
  announceType: AnnounceType;
}

const read = createXmlReader({ arrayTags: ['item', 'category', 'creator'] });
const VERSIONED_ID = /(?:oai:arXiv\.org:|arXiv:)(\S+?v\d+)\b/i;

export function parseListingFeed(xml: string): ListingItem[] {
  const result = read(xml);
  if (!result.ok) throw new ListingParseError(result.reason);
  const channel = isNode(result.doc.rss) ? result.doc.rss.channel : undefined;
  if (!isNode(channel)) throw new ListingParseError('expected an RSS 2.0 <rss><channel> document');
  return listOf(channel.item).filter(isNode).map(itemToListing);
}

function itemToListing(item: XmlNode): ListingItem {
  const guid = textOf(item.guid) ?? '';
  const description = textOf(item.description) ?? '';
  const idSource = VERSIONED_ID.exec(guid)?.[1] ?? VERSIONED_ID.exec(description)?.[1] ?? textOf(item.link) ?? '';
  const ref = parseArxivRef(idSource);
  if (!ref) throw new ListingParseError(`an item has no readable arXiv id (guid ${JSON.stringify(guid)})`);
  const announced = toIsoTimestamp(textOf(item.pubDate));
  if (!announced) throw new ListingParseError(`item ${ref.id} has no readable <pubDate>`);
  const version = ref.version ?? 1;
  // Version watch compares numbers: an id ending in "v0" is refused, not stored as a version below v1.
  if (version < 1) throw new ListingParseError(`item ${ref.id} names version v${version}`);
  const abstractAt = description.search(/Abstract:/);
  const abstract = cleanAbstract(abstractAt >= 0 ? description.slice(abstractAt + 'Abstract:'.length) : '');
  const categories = listOf(item.category)
    .map((c) => collapseSpace(textOf(c) ?? ''))
    .filter((c) => c.length > 0);
  const announceType =
    cleanOptional(textOf(item.announce_type)) ?? /Announce Type:\s*(\S+)/.exec(description)?.[1] ?? 'new';
  const paper: Paper = {
    arxivId: ref.id,
    version,
    title: collapseSpace(textOf(item.title) ?? ''),
    abstract,
    authors: listOf(item.creator).flatMap((c) => parseAuthorList(textOf(c) ?? '')),
    primaryCategory: categories[0] ?? '',
    categories,
    comments: null,
    journalRef: cleanOptional(textOf(item.journal_reference)),
    doi: cleanOptional(textOf(item.DOI))?.split(/[\s,;]+/)[0] ?? null,
    license: cleanOptional(textOf(item.rights)),
    publishedAt: announced,
    updatedAt: announced,
    versions: [{ version, date: announced }],
    withdrawn: false,
    links: extractLinks([abstract]),
  };
  return { paper, announceType };
}
