// "Did you mean …": corrections from the index's own vocabulary (the FTS5 `fts_row` vocabulary, or its
// `term_stats` snapshot at scale), so a correction is always a spelling that papers in this index use.
//
// The rule (measured on misspellings and on correct queries of the ML demo data, see docs/search.md):
// a query word is a suspect when its stem is in fewer than SPELLING.maxSuspectDf papers; its correction is
// the vocabulary stem closest to it by optimal-string-alignment distance (adjacent swaps count one) — at most
// 1 edit for stems of up to 5 letters, 2 for longer ones — that is in at least SPELLING.minDf papers and
// SPELLING.minRatio times as many as the suspect; ties go to the more frequent stem. The corrected query is
// the user's own text with only those words replaced, so fields, phrases and exclusions stay as typed.
import type Database from 'better-sqlite3';
import type { SearchQuery } from './search.models.js';
import { isStopWord } from './stopwords.js';
import type { TermStats } from './term-stats.js';

export const SPELLING = {
  /** A word whose stem is in at least this many papers is taken as spelled as meant. */
  maxSuspectDf: 3,
  /** A correction must be in at least this many papers… */
  minDf: 5,
  /** …and this many times as many as the suspect word (+1). */
  minRatio: 10,
  minWordLength: 4,
};

export interface SpellingSuggestion {
  /** The user's text with the misspelled words replaced. */
  text: string;
  corrections: Array<{ from: string; to: string }>;
}

interface Vocabulary {
  /** Frequent letter-only stems by length. */
  byLength: Map<number, Array<{ term: string; df: number }>>;
  docs: number;
}

export function createSpeller({ db, stats }: { db: Database.Database; stats: TermStats }) {
  // Below 50k papers the planner reads live frequencies (term-stats.ts) and so does this vocabulary; above,
  // the snapshot, which refreshStats() rebuilds. fts_row is scanned once per change of the index's size.
  const live = db.prepare('SELECT term, doc FROM fts_row WHERE doc >= ?').raw();
  const snapshot = db.prepare('SELECT term, df FROM term_stats WHERE df >= ?').raw();
  let vocabulary: Vocabulary | null = null;

  const load = (): Vocabulary => {
    const docs = stats.docCount();
    if (vocabulary && vocabulary.docs === docs) return vocabulary;
    const useLive = docs < 50_000;
    // The snapshot's frequencies are scaled to today's size, as TermStats.df does.
    const scale = useLive ? 1 : docs / snapshotDocs();
    const minDf = Math.max(1, Math.floor(SPELLING.minDf / scale));
    const rows = (useLive ? live : snapshot).all(minDf) as [string, number][];
    const byLength = new Map<number, Array<{ term: string; df: number }>>();
    for (const [term, df] of rows) {
      if (!/^\p{L}+$/u.test(term) || term.length < SPELLING.minWordLength - 1) continue;
      let bucket = byLength.get(term.length);
      if (!bucket) byLength.set(term.length, (bucket = []));
      bucket.push({ term, df: Math.round(df * scale) });
    }
    vocabulary = { byLength, docs };
    return vocabulary;
  };
  const readSnapshotDocs = db.prepare("SELECT value FROM meta WHERE key = 'stats_docs'").pluck();
  const snapshotDocs = () => Number(readSnapshotDocs.get() ?? 0) || stats.docCount();

  const correctStem = (stem: string): string | null => {
    const own = stats.df(stem);
    if (own >= SPELLING.maxSuspectDf) return null;
    const maxDistance = stem.length <= 5 ? 1 : 2;
    const floor = Math.max(SPELLING.minDf, SPELLING.minRatio * (own + 1));
    const { byLength } = load();
    let best: { term: string; df: number; distance: number } | null = null;
    for (let len = stem.length - maxDistance; len <= stem.length + maxDistance; len++) {
      for (const candidate of byLength.get(len) ?? []) {
        if (candidate.df < floor || candidate.term === stem) continue;
        const limit = best ? best.distance : maxDistance;
        const distance = osaDistance(stem, candidate.term, limit);
        if (distance > limit) continue;
        if (!best || distance < best.distance || (distance === best.distance && candidate.df > best.df))
          best = { ...candidate, distance };
      }
    }
    return best?.term ?? null;
  };

  /** The corrected form of one word, or null: its stem's correction plus the word's own ending. */
  const correctWord = (word: string): string | null => {
    if (word.length < SPELLING.minWordLength || !/^\p{L}+$/u.test(word) || isStopWord(word)) return null;
    const stem = stats.stems([word])[0];
    if (!stem) return null;
    const fixed = correctStem(stem);
    if (!fixed) return null;
    // Porter stems are usually a prefix of the word ("transfromer" → "transfrom"); keep the ending when the result
    // stems back to the correction, else offer the correction as it is in the vocabulary.
    const ending = word.startsWith(stem) ? word.slice(stem.length) : '';
    const withEnding = fixed + ending;
    return ending && stats.stems([withEnding])[0] === fixed ? withEnding : fixed;
  };

  return function suggest({ query, text }: { query: SearchQuery; text: string }): SpellingSuggestion | null {
    const words = new Set(query.include.flatMap((c) => c.words));
    const corrections: SpellingSuggestion['corrections'] = [];
    for (const word of words) {
      const to = correctWord(word);
      if (to && to !== word) corrections.push({ from: word, to });
    }
    if (corrections.length === 0) return null;
    let corrected = text;
    for (const { from, to } of corrections) corrected = replaceWord(corrected, from, to);
    return corrected === text ? null : { text: corrected, corrections };
  };
}

/** Replaces whole-word occurrences (case-insensitive), except excluded ones (`-word`). */
function replaceWord(text: string, from: string, to: string): string {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}\\p{M}-])${escaped}(?![\\p{L}\\p{N}\\p{M}])`, 'giu'), to);
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), or `limit + 1` as soon as the
 * distance must exceed `limit` (every cell of a row is above it), which keeps a vocabulary scan fast.
 */
export function osaDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
