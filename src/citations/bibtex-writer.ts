// BibTeX in arXiv's own shape (the "Export BibTeX citation" of an abs page): @misc with eprint, archivePrefix,
// primaryClass and url. Written here rather than with citation-js because its BibTeX output turns a preprint into
// @article/@misc without eprint/archivePrefix/primaryClass (checked with @citation-js/plugin-bibtex 0.7.21), which is
// what biblatex and natbib's arXiv styles read; the tests parse the output back with @retorquere/bibtex-parser.
import type { CitationEntry, CitationName } from './citations.models.js';

const MATH = /(\$[^$]*\$|\\\([\s\S]*?\\\))/;

/**
 * Characters BibTeX/LaTeX would read as syntax, escaped unless arXiv's TeX already escaped them; "<" and ">" outside
 * math print as "¡" and "¿" in TeX's default font encoding, so they become their text commands.
 */
function escapeSpecials(text: string): string {
  return text
    .replace(/(?<!\\)([&%#_])/g, '\\$1')
    .replace(/</g, '\\textless{}')
    .replace(/>/g, '\\textgreater{}');
}

/** Braces only when they pair up; a stray one would swallow the rest of the entry. */
function balanced(text: string): string {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth += 1;
    else if (ch === '}' && --depth < 0) break;
  }
  return depth === 0 ? text : text.replace(/[{}]/g, '');
}

// Words with a capital after their first letter (GAN, ImageNet, 3D) keep their case in styles that lower-case
// titles: braced, the plural "s" outside the braces as arXiv authors write it ({GAN}s).
function protectCase(text: string): string {
  return text.replace(/(\\?)([\p{L}\p{N}]+)/gu, (match, slash: string, word: string) => {
    if (slash || !/\p{Lu}/u.test(word.slice(1))) return match;
    const plural = /^(\p{Lu}{2,})s$/u.exec(word);
    return plural ? `{${plural[1]}}s` : `{${word}}`;
  });
}

export function bibtexTitle(title: string): string {
  return balanced(
    title
      .split(MATH)
      .map((part, i) => (i % 2 === 1 ? part : protectCase(escapeSpecials(part))))
      .join(''),
  );
}

function bibtexName(name: CitationName): string {
  const clean = (s: string) => escapeSpecials(s.replace(/[{}]/g, ''));
  // A family name containing " and " would split the author list; braces keep it whole.
  // A family name containing " and " would split the author list, and a group author without a given name
  // ("ATLAS Collaboration") would be read as "Collaboration, ATLAS": braces keep either whole.
  const whole = / and /i.test(name.family) || (!name.given && name.family.includes(' '));
  const family = whole ? `{${clean(name.family)}}` : clean(name.family);
  return name.given ? `${family}, ${clean(name.given)}` : family;
}

export function bibtexEntry(entry: CitationEntry): string {
  const fields: Array<[string, string | null]> = [
    ['title', bibtexTitle(entry.title)],
    ['author', entry.authors.map(bibtexName).join(' and ') || null],
    ['year', entry.date.slice(0, 4)],
    ['eprint', entry.arxivId],
    ['archivePrefix', 'arXiv'],
    ['primaryClass', entry.primaryClass || null],
    ['url', entry.url],
    ['doi', entry.doi ? balanced(entry.doi) : null],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== null)
    .map(([name, value]) => `  ${name} = {${value}},`)
    .join('\n');
  return `@misc{${entry.key},\n${body}\n}\n`;
}

export function bibtexFile(entries: readonly CitationEntry[]): string {
  return entries.map(bibtexEntry).join('\n');
}
