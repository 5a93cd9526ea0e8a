// `arXiv` metadata format → Paper. Unlike arXivRaw it has structured authors with affiliations, but only
// `created` (v1) and `updated` (latest version) days — not how many versions there are. A paper with an
// `updated` day therefore gets version 2, meaning "at least 2"; the versions list holds only what is known.

import type { Author, Paper } from '../../core/paper.js';
import { decodeTexAccents } from '../../core/tex-accents.js';
import { collapseSpace, toIsoTimestamp } from '../http/text.js';
import { listOf, textOf, type XmlNode } from '../http/xml-document.js';
import { commonFields, requireArxivId } from './arxiv-raw.js';
import { OaiParseError } from './errors.js';

export function arxivFormatToPaper(meta: XmlNode, identifier: string): Paper {
  const arxivId = requireArxivId(textOf(meta.id), identifier);
  const created = toIsoTimestamp(textOf(meta.created));
  if (!created) throw new OaiParseError(`record ${identifier} has no readable <created> date`);
  const updated = toIsoTimestamp(textOf(meta.updated));
  const authorsNode = meta.authors as XmlNode | undefined;
  return {
    ...commonFields(meta, arxivId),
    authors: listOf(authorsNode?.author).map(readAuthor),
    version: updated ? 2 : 1,
    publishedAt: created,
    updatedAt: updated ?? created,
    versions: [{ version: 1, date: created }],
  };
}

function readAuthor(node: unknown): Author {
  const author = (node ?? {}) as XmlNode;
  const parts = [textOf(author.forenames), textOf(author.keyname), textOf(author.suffix)];
  const name = collapseSpace(parts.filter((p): p is string => !!p).join(' '));
  const affiliations = listOf(author.affiliation)
    .map((a) => collapseSpace(textOf(a) ?? ''))
    .filter((a) => a.length > 0);
  const clean = decodeTexAccents(name);
  return affiliations.length > 0 ? { name: clean, affiliation: affiliations.join('; ') } : { name: clean };
}
