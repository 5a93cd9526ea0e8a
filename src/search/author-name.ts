// Author-name queries ("yann lecun", "Tri Dao"): papers BY that person rank above papers that only mention the
// name (in an abstract, a title or another author's name). A query is taken as a possible name when it is 2–4
// bare words; it is a name when they occur as a phrase in some paper's authors column — which no SciFact or
// CSFCube query does (their documents list no authors), so the evaluation figures are unchanged. Single words
// are left alone: "deep" or "graph" would otherwise promote every author called Deep or Graph.
import type { Candidate } from './candidates.js';
import { quoteWords } from './query-plan.js';
import type { SearchQuery } from './search.models.js';

const NAME_WORDS = { min: 2, max: 4 };

/** The query's words as an FTS5 phrase, when the query may be a person's name; null otherwise. */
export function namePhrase(query: SearchQuery): string | null {
  if (query.include.some((c) => c.kind !== 'term' || c.field !== null)) return null;
  const words = query.include.map((c) => c.words[0]!);
  if (words.length < NAME_WORDS.min || words.length > NAME_WORDS.max) return null;
  if (words.some((w) => !/^\p{L}[\p{L}\p{M}]*$/u.test(w))) return null;
  return quoteWords(words);
}

/**
 * Puts the authored papers first, in their own BM25 order, the rest after in theirs: each authored row's score
 * is raised by the same amount, just enough to clear every other row. Authored rows beyond the candidate cap
 * (a broad name at scale) join the list.
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
