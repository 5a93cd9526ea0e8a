// Papers as citation entries: names split the way BibTeX reads them, TeX accents decoded, and citation keys that are
// stable (the same paper gets the same key in every export) and unique within one export.
import { arxivAbsUrl, arxivPdfUrl } from '../core/arxiv-id.js';
import type { Paper } from '../core/paper.js';
import { decodeTexAccents } from '../core/tex-accents.js';
import { texToPlainText } from '../render/math.js';
import type { CitationEntry, CitationName } from './citations.models.js';

// Lower-case particles that belong to the family name ("Johannes Diderik van der Waals" → "van der Waals"), as
// BibTeX's own name rule ("von" part) treats them.
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'dos',
  'das',
  'bin',
  'al',
]);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

// A group author ("ATLAS Collaboration") has no given name: it is cited whole.
const GROUP = /\b(collaboration|consortium|team|group|project|collective)\b/i;

/** arXiv names are "Given Family" free text; a comma means it is already "Family, Given". */
export function splitName(raw: string): CitationName {
  const name = decodeTexAccents(raw).replace(/\s+/g, ' ').trim();
  if (GROUP.test(name)) return { family: name, given: '' };
  const comma = name.indexOf(',');
  if (comma > 0 && !SUFFIXES.test(name.slice(comma + 1).trim())) {
    return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  }
  const words = name.replace(/,\s*/g, ' ').split(' ');
  let suffix = '';
  if (words.length > 2 && SUFFIXES.test(words.at(-1)!)) suffix = ` ${words.pop()}`;
  if (words.length === 1) return { family: words[0]! + suffix, given: '' };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start -= 1;
  return { family: words.slice(start).join(' ') + suffix, given: words.slice(0, start).join(' ') };
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'with',
  'from',
  'towards',
  'toward',
  'is',
  'are',
  'do',
  'does',
  'how',
  'what',
  'why',
  'when',
  'can',
  'we',
  'via',
  'by',
  'at',
  'as',
]);

/** Letters and digits only, accents dropped: keys must survive BibTeX, LaTeX and every reference manager. */
function keyPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** firstauthor's family name + year + first significant title word, e.g. "vaswani2017attention" (Google Scholar's shape). */
export function baseCitationKey(entry: Pick<CitationEntry, 'authors' | 'date' | 'title'>): string {
  const family =
    keyPart(
      entry.authors[0]?.family
        .split(' ')
        .filter((w) => !PARTICLES.has(w))
        .join('') ?? '',
    ) || 'anon';
  const words = entry.title
    .replace(/\$[^$]*\$/g, ' ')
    .split(/[\s\-–—:/]+/)
    .map(keyPart)
    .filter((w) => w.length > 0);
  const word = words.find((w) => !STOP_WORDS.has(w)) ?? words[0] ?? 'paper';
  return `${family}${entry.date.slice(0, 4)}${word}`;
}

const MATH = /(\$[^$]*\$|\\\([\s\S]*?\\\))/;
// decodeTexAccents drops the braces around a single letter ({\"O} → Ö); in a title a bare {F} is the author's case
// protection and is kept, and math is left exactly as written ($\mathcal{O}(1)$).
const CASE_BRACE = /(?<!\\(?:[A-Za-z]+|['`^"~=.])\s*)\{([A-Za-z])\}/g;

function decodeTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .trim()
    .split(MATH)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : decodeTexAccents(part.replace(CASE_BRACE, '\uE000$1\uE001'))
            .replace(/\uE000/g, '{')
            .replace(/\uE001/g, '}'),
    )
    .join('');
}

/** A title or abstract for formats without TeX (RIS, CSL-JSON): TeX decoded, case braces dropped, math as written. */
export function plainText(text: string): string {
  return text
    .split(MATH)
    .map((part, i) => (i % 2 === 1 ? part : texToPlainText(part).replace(/[{}]/g, '')))
    .join('');
}

export function citationEntries(papers: readonly Paper[]): CitationEntry[] {
  const used = new Set<string>();
  return papers.map((paper) => {
    const entry: CitationEntry = {
      key: '',
      title: decodeTitle(paper.title),
      authors: paper.authors.map((a) => splitName(a.name)).filter((n) => n.family.length > 0),
      date: paper.publishedAt.slice(0, 10),
      arxivId: paper.arxivId,
      primaryClass: paper.primaryCategory,
      doi: paper.doi,
      url: arxivAbsUrl(paper.arxivId),
      pdfUrl: arxivPdfUrl(paper.arxivId),
      abstract: paper.abstract.replace(/\s+/g, ' ').trim(),
    };
    // The second paper with the same key gets "b", the third "c", … (BibTeX's own disambiguation letters).
    const base = baseCitationKey(entry);
    let key = base;
    for (let n = 1; used.has(key); n += 1) key = `${base}${suffixLetters(n)}`;
    used.add(key);
    entry.key = key;
    return entry;
  });
}

function suffixLetters(n: number): string {
  let out = '';
  let k = n;
  while (k > 0) {
    k -= 1;
    out = String.fromCharCode(98 + (k % 25)) + out;
    k = Math.floor(k / 25);
  }
  return out;
}
