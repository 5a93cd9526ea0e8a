// Author names from a snapshot record. `authors_parsed` is arXiv's own split and already has TeX accents
// resolved, so it wins; the free-text `authors` field is the fallback for records that lack it.

import type { Author } from '../../core/paper.js';
import { decodeTexAccents } from '../../core/tex-accents.js';
import { parseAuthorList } from '../authors.js';

export { decodeTexAccents };

// "1, 2" and "1 and 3" point at a numbered affiliation list; they are not affiliations themselves.
const FOOTNOTE_MARKER = /^[\d\s,]*(?:and[\d\s,]*)*$/;

/** Authors from `authors_parsed` entries: `[last, first, suffix, ...affiliations]`. */
export function authorsFromParsed(parsed: unknown[]): Author[] {
  const authors: Author[] = [];
  for (const entry of parsed) {
    if (!Array.isArray(entry)) continue;
    const [last, first, suffix, ...affiliations] = entry.map((part) => (typeof part === 'string' ? part.trim() : ''));
    // arXiv's splitter writes hyphenated initials as "C. -P."; the abstract page shows "C.-P.".
    const given = (first ?? '').replace(/\.\s+-/g, '.-');
    const name = [given, last, suffix].filter((p) => p).join(' ');
    if (!name) continue;
    const affiliation = affiliations
      .map((a) => a.replace(/\s+/g, ' '))
      .filter((a) => a && !FOOTNOTE_MARKER.test(a))
      .join('; ');
    authors.push(affiliation ? { name, affiliation } : { name });
  }
  return authors;
}

/** Authors from the free-text field, for records without `authors_parsed`: the parser every arXiv source shares. */
export function authorsFromText(text: string): Author[] {
  return parseAuthorList(text);
}
