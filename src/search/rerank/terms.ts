// The index's own tokens for reranking: words split as unicode61 splits them, stop words removed (as the
// query planner removes them), stems from FTS5's porter tokenizer (TermStats.stems, cached).
//
// Stemming every word of a hundred abstracts costs ~8 ms (FTS5 tokenises the cache misses); the features
// only need to know where the query's (and the feedback's) terms are. A porter stem keeps the word's
// beginning (only its last letter may differ: "happy" → "happi"), so only words starting with a wanted
// stem minus its last letter are stemmed; every other word stays a placeholder ("") that keeps positions.
import { splitWords } from '../query-parser.js';
import type { SearchQuery } from '../search.models.js';
import { isStopWord } from '../stopwords.js';
import type { TermStats } from '../term-stats.js';

/** Abstracts are a few hundred words; this bounds the work for a pathological stored text. */
const MAX_WORDS = 2_000;

export type Stemmer = Pick<TermStats, 'stems'>;

/** Any character above U+007F (a code-point test, so no control character sits in a regex). */
const isAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};
const ASCII_WORD = /[a-z0-9]+/g;
const MAX_WORD_CHARS = 100;

/**
 * Content words of a text (stop words removed), lower-cased, in order — the words splitWords() yields.
 * Most abstracts are ASCII, where letters, digits and marks are [a-z0-9]: a plain regex splits them ~5×
 * faster than the Unicode property classes, which stay for every other text.
 */
export function contentWordsOf(text: string): string[] {
  const words = !isAscii(text)
    ? splitWords(text)
    : (text.toLowerCase().match(ASCII_WORD) ?? []).map((w) =>
        w.length > MAX_WORD_CHARS ? w.slice(0, MAX_WORD_CHARS) : w,
      );
  const out: string[] = [];
  for (const w of words) {
    if (isStopWord(w)) continue;
    out.push(w);
    if (out.length === MAX_WORDS) break;
  }
  return out;
}

/** Every content word stemmed. */
export function textStems(text: string, stats: Stemmer): string[] {
  return stats.stems(contentWordsOf(text)).filter((s): s is string => s !== null);
}

/** Content stems of the query's positive words in typed order (terms and phrases, any text field but authors). */
export function queryStems(query: SearchQuery, stats: Stemmer): string[] {
  const words: string[] = [];
  for (const clause of query.include) {
    if (clause.field === 'author') continue;
    for (const w of clause.words) if (!isStopWord(w)) words.push(w);
  }
  return stats.stems(words).filter((s): s is string => s !== null);
}

/**
 * Token streams of many word lists in which only the `wanted` stems are spelled out (others are ""),
 * stemming just the words that can yield a wanted stem, all in one batch.
 */
export function wantedTokens(lists: readonly (readonly string[])[], wanted: ReadonlySet<string>, stats: Stemmer) {
  const byFirst = new Map<string, string[]>();
  for (const s of wanted) {
    const prefix = s.length > 1 ? s.slice(0, -1) : s;
    const bucket = byFirst.get(prefix[0]!);
    if (bucket) bucket.push(prefix);
    else byFirst.set(prefix[0]!, [prefix]);
  }
  const maybe = new Set<string>();
  const could = (w: string) => byFirst.get(w[0]!)?.some((p) => w.startsWith(p)) ?? false;
  for (const words of lists) for (const w of words) if (could(w)) maybe.add(w);
  const candidates = [...maybe];
  const stems = stats.stems(candidates);
  const stemOf = new Map<string, string>();
  candidates.forEach((w, i) => {
    const s = stems[i];
    if (s && wanted.has(s)) stemOf.set(w, s);
  });
  return lists.map((words) => words.map((w) => stemOf.get(w) ?? ''));
}
