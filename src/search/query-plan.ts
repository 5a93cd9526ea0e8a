// Decides how a typed query is matched. Every FTS5 MATCH string is assembled here from words that contain
// only letters, digits and marks, each wrapped in double quotes: user text cannot inject FTS5 syntax.
//
// Query semantics (the exhaustive ranking that keyword search returns exactly, impact-topk.ts):
// - Stop words are dropped from bare terms: near-universal doclists, almost no BM25 weight.
// - Short queries (≤ andMaxTerms bare terms) ask for all terms (AND), as readers typing "state space model"
//   mean; when AND finds fewer than minAndHits papers the search falls back to OR of the same terms.
// - Long queries (claims, pasted sentences) use OR: no paper contains every word of a sentence.
// - Every content term is matched and scored. (Until issue 13 very common terms were left out of MATCH and only
//   the newest 1,000 / 5,000 matches were ranked, for speed; the impact lists made that unnecessary.)
// Quoted phrases and fielded terms (title:, author:, abstract:) are always required: the reader asked.
import { splitWords } from './query-parser.js';
import type { QueryClause, SearchQuery, TextField } from './search.models.js';
import { isStopWord } from './stopwords.js';
import type { TermStats } from './term-stats.js';
import { joinedVariants, spellingVariants } from './term-variants.js';

export const PLAN_TUNING = {
  andMaxTerms: 4,
  minAndHits: 10,
  /**
   * Other spellings OR queries may also match (term-variants.ts): none by default. Measured on SciFact train
   * (docs/search.md, "First-stage normalisation"): spelling variants −0.0009, joined names +0.0011 — noise,
   * because each variant is scored as a term of its own, with its own (often higher) idf.
   */
  variants: [] as VariantKind[],
};

export type VariantKind = 'spelling' | 'joined';

const COLUMN: Record<TextField, string> = { title: 'title', abstract: 'abstract', author: 'authors' };

export interface PlanTerm {
  word: string;
  stem: string;
  df: number;
}

export interface QueryPlan {
  /** Fragments every match must satisfy (phrases, fielded terms). */
  must: string[];
  /** All bare content terms, rarest first (stop words removed, deduplicated by stem). */
  terms: PlanTerm[];
  exclude: string[];
  /** AND is tried first when the query is short. */
  tryAnd: boolean;
}

export type MatchMode = 'and' | 'or';

export function quoteWords(words: readonly string[]): string {
  // Words come from splitWords(), which keeps only \p{L}\p{N}\p{M}; the replace is a second lock on the door.
  return `"${words.join(' ').replace(/"/g, '""')}"`;
}

function fragment(clause: QueryClause): string {
  const quoted = quoteWords(clause.words);
  return clause.field ? `${COLUMN[clause.field]} : ${quoted}` : quoted;
}

export function planQuery({ query, stats }: { query: SearchQuery; stats: TermStats }): QueryPlan {
  const must: string[] = [];
  const bare: string[] = [];
  for (const clause of query.include) {
    if (clause.kind === 'term' && clause.field === null) bare.push(clause.words[0]!);
    else must.push(fragment(clause));
  }
  const contentWords = bare.filter((w) => !isStopWord(w));
  // A query made only of stop words ("to be or not") still searches for them.
  const words = contentWords.length > 0 || must.length > 0 ? contentWords : bare;
  const stems = stats.stems(words);
  const seen = new Set<string>();
  const terms: PlanTerm[] = [];
  words.forEach((word, i) => {
    const stem = stems[i];
    if (!stem || seen.has(stem)) return;
    seen.add(stem);
    terms.push({ word, stem, df: stats.df(stem) });
  });
  const tryAnd = terms.length <= PLAN_TUNING.andMaxTerms;
  // Only OR queries take variants: under AND a variant would become one more required word.
  if (!tryAnd && PLAN_TUNING.variants.length > 0) terms.push(...variantTerms({ words, bare, stats, seen }));
  terms.sort((a, b) => a.df - b.df);
  return { must, terms, exclude: query.exclude.map(fragment), tryAnd };
}

/** Other spellings of the query's words that the index holds, each scored as one more OR term. */
function variantTerms({
  words,
  bare,
  stats,
  seen,
}: {
  words: readonly string[];
  bare: readonly string[];
  stats: TermStats;
  seen: Set<string>;
}): PlanTerm[] {
  const kinds = PLAN_TUNING.variants;
  const proposed = [
    ...new Set([
      ...(kinds.includes('spelling') ? words.flatMap(spellingVariants) : []),
      ...(kinds.includes('joined') ? joinedVariants(bare) : []),
    ]),
  ].filter((w) => !isStopWord(w));
  const stems = stats.stems(proposed);
  const out: PlanTerm[] = [];
  proposed.forEach((word, i) => {
    const stem = stems[i];
    if (!stem || seen.has(stem)) return;
    const df = stats.df(stem);
    if (df === 0) return;
    seen.add(stem);
    out.push({ word, stem, df });
  });
  return out;
}

/** The MATCH string for one semantics, or null when there is nothing to match. */
export function matchString({ plan, mode }: { plan: QueryPlan; mode: MatchMode }): string | null {
  const parts = [...plan.must];
  const quoted = plan.terms.map((t) => quoteWords([t.word]));
  // One term reads the same under both modes, so the caller can see that an OR fallback would change nothing.
  if (quoted.length > 0) parts.push(quoted.join(mode === 'and' ? ' AND ' : ' OR '));
  if (parts.length === 0) return null;
  const positive = parts.map((p) => `(${p})`).join(' AND ');
  return plan.exclude.length > 0 ? `(${positive}) NOT (${plan.exclude.join(' OR ')})` : positive;
}

/** Every positive word and phrase, so that highlighting marks all of them. */
export function highlightMatch(plan: QueryPlan): string | null {
  const parts = [...plan.must, ...plan.terms.map((t) => quoteWords([t.word]))];
  return parts.length > 0 ? parts.join(' OR ') : null;
}

/** MATCH string selecting any excluded clause (used when a query has only exclusions). */
export function exclusionMatch(plan: QueryPlan): string | null {
  return plan.exclude.length > 0 ? plan.exclude.join(' OR ') : null;
}

/**
 * A MATCH clause that narrows a query to papers in any of `categories` through the FTS5 `categories` column
 * ("cs.lg" is the phrase "cs lg" there). FTS5 intersects doclists by seeking, so a common term inside a small
 * category costs the category's size instead of the term's (at 1M papers, "model" in cs.LG: 143 ms → 13 ms).
 * It can only over-match (the phrase may span two codes), so the exact category filter stays in SQL; null when
 * a category yields no words to match.
 */
export function categoryClause(categories: readonly string[]): string | null {
  if (categories.length === 0) return null;
  const phrases = categories.map((c) => splitWords(c));
  if (phrases.some((words) => words.length === 0)) return null;
  return `categories : (${phrases.map((words) => quoteWords(words)).join(' OR ')})`;
}
