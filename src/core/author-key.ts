// One author page per written name: the key (also the URL slug) folds case, accents and punctuation, so
// "Frédéric Lagoutière", "Frederic LAGOUTIERE" and "Fr\'ed\'eric Lagouti\`ere" are one page. It does not guess
// that "F. Lagoutière" is the same person: arXiv metadata cannot tell, and a wrong merge is worse than a split.
import { decodeTexAccents } from './tex-accents.js';

// Letters NFKD does not decompose into a base letter and a mark.
const FOLD: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

// Printable ASCII without a backslash (no TeX accent to decode) is most names: NFKD, the marks and the letter folds
// leave it as it is, and its letters and digits are a–z and 0–9 once lower-cased. Folding it directly gives the same
// key at a fraction of the cost, which a bulk import pays for every one of millions of names.
const PLAIN_ASCII = /^[ -[\]-~]*$/; // printable ASCII but the backslash

// The other names repeat (prolific authors): each spelling is folded once, in a bounded memo so memory stays flat.
const FOLDED_LIMIT = 20_000;
const folded = new Map<string, string>();

/** "Frédéric Lagoutière" → "frederic-lagoutiere"; '' when the name has no letters or digits. */
export function authorKey(name: string): string {
  if (PLAIN_ASCII.test(name)) return trimDashes(name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  let key = folded.get(name);
  if (key === undefined) {
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    key = foldUnicode(name);
    folded.set(name, key);
  }
  return key;
}

function foldUnicode(name: string): string {
  return trimDashes(
    decodeTexAccents(name)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[ßøæœłđðþı]/g, (c) => FOLD[c] ?? c)
      .replace(/[^\p{L}\p{N}]+/gu, '-'),
  );
}

const trimDashes = (key: string) => key.replace(/^-+|-+$/g, '');

/** The author page of a name. */
export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(authorKey(name))}`;
}
