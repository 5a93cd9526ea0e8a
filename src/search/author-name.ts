// Author-name queries ("yann lecun", "Tri Dao"): papers BY that person rank above papers that only mention the
// name (in an abstract, a title or another author's name). A query is taken as a possible name when it is 2–4
// bare words; a candidate is the person's paper when one of its author names holds those words in a row (read
// from docs.authors with the candidate, so the check costs no query; an FTS5 phrase over the authors column cost
// ~7 ms per two-word query at 1M papers and matched across neighbouring names, "…Yu, Liu…"). No SciFact or
// CSFCube document lists authors, so the evaluation figures are unchanged. Single words are left alone: "deep" or
// "graph" would otherwise promote every author called Deep or Graph.
import type { Candidate } from './candidates.js';
import { splitWords } from './query-parser.js';
import type { SearchQuery } from './search.models.js';

const NAME_WORDS = { min: 2, max: 4 };

/** The query's words (folded), when the query may be a person's name; null otherwise. */
export function nameWords(query: SearchQuery): string[] | null {
  if (query.include.some((c) => c.kind !== 'term' || c.field !== null)) return null;
  const words = query.include.map((c) => c.words[0]!);
  if (words.length < NAME_WORDS.min || words.length > NAME_WORDS.max) return null;
  if (words.some((w) => !/^\p{L}[\p{L}\p{M}]*$/u.test(w))) return null;
  return words.map(fold);
}

/** Whether one of the names in `authors` (joined by ", ") holds the words consecutively ("Yann LeCun", "Yann A. LeCun" no). */
export function wroteIt(authors: string, words: readonly string[]): boolean {
  // Thousands of candidates per query: a substring test rules out nearly all of them before any splitting.
  const hay = authors.toLowerCase();
  const folded = /[^ -~]/.test(hay) ? fold(hay) : hay;
  if (!words.every((w) => folded.includes(w))) return false;
  for (const name of authors.split(', ')) {
    const parts = splitWords(name).map(fold);
    for (let i = 0; i + words.length <= parts.length; i++) {
      if (words.every((w, j) => parts[i + j] === w)) return true;
    }
  }
  return false;
}

// As the index's tokenizer sees words (remove_diacritics): "Müller" finds "Muller".
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * Puts the authored papers first, in their own BM25 order, the rest after in theirs: each authored row's score
 * is raised by the same amount, just enough to clear every other row. Only candidates are looked at: a name that
 * matches more papers than are ranked (1,000, newest first) lifts the author's papers among those.
 */
export function liftAuthored({ rows, authored }: { rows: Candidate[]; authored: Candidate[] }): void {
  const ids = new Set(authored.map((r) => r.paperId));
  const others = rows.filter((r) => !ids.has(r.paperId));
  const top = Math.max(...others.map((r) => r.score), Number.NEGATIVE_INFINITY);
  const byId = new Map(rows.map((r) => [r.paperId, r]));
  const own = authored.map((a) => byId.get(a.paperId) ?? a);
  const low = Math.min(...own.map((r) => r.score));
  const lift = Number.isFinite(top) && low <= top ? top - low + 1 : 0;
  for (const r of own) r.score += lift;
  own.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
  rows.splice(0, rows.length, ...own, ...others);
}
