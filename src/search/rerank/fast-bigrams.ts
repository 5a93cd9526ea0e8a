// The ordered-bigram feature without tokenising whole abstracts. Splitting a hundred abstracts into words
// costs more than the first stage's ranking on a busy machine (docs/search.md, "Speed"); the shipped model
// only needs, per candidate, which query bigrams occur as adjacent content words. A porter stem starts with
// the word's first letters (only its last letter may differ), so occurrences of each first term are found
// with indexOf on the lower-cased text, and only the words there and the content word after them are read
// and stemmed. Equal to countBigrams(…, 'ordered') over the full token streams (fast-bigrams.test.ts).
import { isStopWord } from '../stopwords.js';
import type { Stemmer } from './terms.js';

const WORD = /[\p{L}\p{N}\p{M}]+/uy;
const GAP = /[^\p{L}\p{N}\p{M}]*/uy;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const MAX_WORD_CHARS = 100;

function wordAt(text: string, at: number): string | null {
  WORD.lastIndex = at;
  const m = WORD.exec(text);
  return m ? m[0] : null;
}

/** The next content word (not a stop word) starting the search at `from`, and where it ends. */
function nextContentWord(text: string, from: number): { word: string; end: number } | null {
  let at = from;
  for (;;) {
    GAP.lastIndex = at;
    GAP.exec(text);
    at = GAP.lastIndex;
    const w = wordAt(text, at);
    if (!w) return null;
    at += w.length;
    if (!isStopWord(w.slice(0, MAX_WORD_CHARS))) return { word: w.slice(0, MAX_WORD_CHARS), end: at };
  }
}

/** Whether the character before `at` ends a word (so `at` starts one). */
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  // A surrogate pair's low half is not a word character on its own; test the whole code point.
  const before = text.codePointAt(at - 1)!;
  const c = before >= 0xdc00 && before <= 0xdfff && at >= 2 ? text.slice(at - 2, at) : text[at - 1]!;
  return !WORD_CHAR.test(c);
}

/** Share of `bigrams` (stems) found as adjacent content words, in order, in any one of `texts`. */
export function orderedBigramShare(
  texts: readonly string[],
  bigrams: readonly [string, string][],
  stats: Stemmer,
): number {
  if (bigrams.length === 0) return 0;
  const lower = texts.map((t) => t.toLowerCase());
  const stemCache = new Map<string, string | null>();
  const stem = (w: string) => {
    if (!stemCache.has(w)) stemCache.set(w, stats.stems([w])[0] ?? null);
    return stemCache.get(w)!;
  };
  let found = 0;
  for (const [a, b] of bigrams) {
    const prefix = a.length > 1 ? a.slice(0, -1) : a;
    let hit = false;
    for (const text of lower) {
      for (let at = text.indexOf(prefix); at >= 0 && !hit; at = text.indexOf(prefix, at + 1)) {
        if (!startsWord(text, at)) continue;
        const w = wordAt(text, at)!;
        if (isStopWord(w.slice(0, MAX_WORD_CHARS)) || stem(w.slice(0, MAX_WORD_CHARS)) !== a) continue;
        const next = nextContentWord(text, at + w.length);
        if (next && stem(next.word) === b) hit = true;
      }
      if (hit) break;
    }
    if (hit) found++;
  }
  return found / bigrams.length;
}
