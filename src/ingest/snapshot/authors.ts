// Author names from a snapshot record. `authors_parsed` is arXiv's own split and already has TeX accents
// resolved, so it wins; the free-text `authors` field is the fallback for records that lack it.

import type { Author } from '../../core/paper.js';
import { decodeTexAccents } from '../../core/tex-accents.js';

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

/** Authors from the free-text field: "A. One (MIT), B. Two and C. Three ((1) X, (2) Y)". */
export function authorsFromText(text: string): Author[] {
  const clean = decodeTexAccents(text)
    .replace(/\s+/g, ' ')
    // A trailing block of numbered affiliations cannot be tied back to names reliably; drop it.
    .replace(/\(\s*\(\d+\)[\s\S]*\)\s*$/, '')
    .trim();
  const authors: Author[] = [];
  for (const part of splitTopLevel(clean)) {
    const paren = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/.exec(part);
    const name = (paren ? part.slice(0, paren.index) : part)
      .replace(/\s*\(.*$/, '')
      .replace(/(?:^|\s+)et\.? al\.?$/i, '')
      .trim();
    if (!name) continue;
    const note = paren?.[1]?.trim() ?? '';
    authors.push(note && !FOOTNOTE_MARKER.test(note) ? { name, affiliation: note } : { name });
  }
  return authors;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === ',' || ch === ';')) {
      parts.push(text.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && ch === ' ' && text.startsWith(' and ', i)) {
      parts.push(text.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p);
}
