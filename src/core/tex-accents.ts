// arXiv's author fields (OAI free text, snapshot `authors`) are typed in TeX ("Fr\'ed\'eric Lagouti\`ere"). Names are shown and
// searched as plain text, so the common accent commands become Unicode; anything else is left alone.

const MARKS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
};

const LETTERS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
};

// The accented letter is braced (\'{e}, \'{\i}) or bare (\'e, \'\i). A brace around the whole command
// ({\"O}) is left to the last step, which drops braces around a single letter.
const SYMBOL_ACCENT = /\\(['`^"~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g;
const LETTER_ACCENT = /\\([uvHckr])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z])|([A-Za-z]))/g;
const SPECIAL_LETTER = /\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)(?![A-Za-z])\s*(?:\{\})?/g;

export function decodeTexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  return text
    .replace(SYMBOL_ACCENT, (_m, mark: string, braced?: string, bare?: string) => accent(mark, braced ?? bare))
    .replace(LETTER_ACCENT, (_m, mark: string, ...letters: Array<string | undefined>) =>
      accent(
        mark,
        letters.slice(0, 3).find((l) => typeof l === 'string'),
      ),
    )
    .replace(SPECIAL_LETTER, (_m, name: string) => LETTERS[name] ?? name)
    .replace(/\{(\p{L}\p{M}*)\}/gu, '$1')
    .normalize('NFC');
}

function accent(mark: string, letter: string | undefined): string {
  // \i and \j are the dotless letters TeX wants under an accent; with the accent they read as i and j.
  const base = (letter ?? '').replace(/^\\/, '');
  return base + (MARKS[mark] ?? '');
}

// Prose (titles, abstracts, comments outside math) is stricter than names: a letter accent needs braces or a
// space (\v{c}, \v c), because "\vec" or "\ref" in prose is a macro, not "ěc" or "e̊f".
const PROSE_LETTER_ACCENT = /\\([uvHckr])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))/g;
// Text-mode font commands keep their words; the markup is dropped.
const TEXT_COMMAND =
  /\\(?:emph|textit|textbf|textrm|textsf|texttt|textsc|textup|textsl|textnormal|underline|mbox)\{([^{}]*)\}/g;
const ESCAPED_SYMBOL = /\\([&%#_{}])/g;
const NAMED_TEXT: Readonly<Record<string, string>> = {
  '\\ldots': '…',
  '\\dots': '…',
  '\\textendash': '–',
  '\\textemdash': '—',
  '\\textquoteleft': '‘',
  '\\textquoteright': '’',
  '\\textquotedblleft': '“',
  '\\textquotedblright': '”',
  '\\S': '§',
  '\\P': '¶',
  '\\copyright': '©',
  '\\textregistered': '®',
  '\\texttrademark': '™',
  '\\pounds': '£',
  '\\euro': '€',
  '\\LaTeX': 'LaTeX',
  '\\TeX': 'TeX',
};
const NAMED =
  /\\(ldots|dots|textendash|textemdash|textquoteleft|textquoteright|textquotedblleft|textquotedblright|S|P|copyright|textregistered|texttrademark|pounds|euro|LaTeX|TeX)(?![A-Za-z])(?:\{\})?/g;

/**
 * Decodes the TeX of running text outside math: accents (L\'evy → Lévy), special letters (\o, \ss), font
 * commands (\emph{x} → x), escaped symbols (\& → &), named symbols (\ldots) and TeX quotes (``x'' → “x”).
 * Unknown commands are left as written. Never give it math: `\$` and `$…$` are the math splitter's business.
 */
export function decodeTexText(text: string): string {
  if (!/[\\`']/.test(text)) return text;
  let out = text;
  // Innermost first, so that \emph{\textbf{x}} loses both.
  for (let i = 0; i < 3 && TEXT_COMMAND.test(out); i++) out = out.replace(TEXT_COMMAND, '$1');
  return (
    out
      .replace(SYMBOL_ACCENT, (_m, mark: string, braced?: string, bare?: string) => accent(mark, braced ?? bare))
      .replace(PROSE_LETTER_ACCENT, (_m, mark: string, braced?: string, spaced?: string) =>
        accent(mark, braced ?? spaced),
      )
      .replace(SPECIAL_LETTER, (_m, name: string) => LETTERS[name] ?? name)
      .replace(NAMED, (m, name: string) => NAMED_TEXT[`\\${name}`] ?? m)
      .replace(ESCAPED_SYMBOL, '$1')
      .replace(/``/g, '“')
      .replace(/''/g, '”')
      // Only braces left around an accented letter ({\'e} → {é}); "\cal{O}" or "_{s}" keep theirs.
      .replace(/\{([^\p{ASCII}]\p{M}*|\p{L}\p{M}+)\}/gu, '$1')
      .normalize('NFC')
  );
}
