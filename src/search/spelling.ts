// "Did you mean …": corrections from the index's own vocabulary (the FTS5 `fts_row` vocabulary, or its
// `term_stats` snapshot at scale), so a correction is always a spelling that papers in this index use.
//
// The rule (measured on misspellings and on correct queries of the ML demo data, see docs/search.md): a query
// word (4+ letters, not a stop word) is a suspect when no paper has its stem. Stage 1 scans the vocabulary's
// stems in at least SPELLING.minDf papers, in memory, for those within the edit budget of a prefix of the word
// (optimal string alignment: adjacent swaps count one; 1 edit for words of up to 5 letters, 2 for longer) — the
// index holds stems, and a misspelling's own stem is unpredictable. Stage 2 reads the surface forms of the best
// SPELLING.candidates stems off a few papers and keeps the form closest to the whole word, within the same
// budget; ties go to the more frequent stem. The corrected query is the user's own text with only those words
// replaced, so fields, phrases and exclusions stay as typed.
import type Database from 'better-sqlite3';
import { osaDistance, prefixDistance } from './edit-distance.js';
import { MARK_CLOSE, MARK_OPEN } from './highlight.js';
import type { SearchQuery } from './search.models.js';
import { isStopWord } from './stopwords.js';
import type { TermStats } from './term-stats.js';

export const SPELLING = {
  /** A word whose stem is in at least this many papers is taken as spelled as meant. */
  maxSuspectDf: 1,
  /** A correction must be in at least this many papers… */
  minDf: 5,
  /** …and this many times as many as the suspect word (+1). */
  minRatio: 10,
  minWordLength: 4,
  /** Stems whose surface forms are compared with the word (one small FTS5 query each). */
  candidates: 4,
};

// Endings that Porter strips; a stem plus one of them is a guess at a written form (checked by stemming it back).
const ENDINGS = [
  '',
  'e',
  's',
  'es',
  'ed',
  'ing',
  'er',
  'ers',
  'ion',
  'ions',
  'ation',
  'ations',
  'al',
  'ally',
  'ity',
  'ive',
  'ness',
  'ment',
  'ments',
  'ance',
  'ence',
  'ant',
  'ent',
  'ly',
  'y',
  'ies',
  'ic',
  'ical',
  'ize',
  'ization',
  'ous',
  'ism',
  'ist',
  'able',
  'ible',
  'ate',
  'ated',
  'ating',
  'or',
  'ors',
  'ful',
  'ency',
  'ency',
  'ently',
];

const MARKED = new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'gu');

export interface SpellingSuggestion {
  /** The user's text with the misspelled words replaced. */
  text: string;
  corrections: Array<{ from: string; to: string }>;
}

interface Vocabulary {
  /** Frequent letter-only stems by first letter and length ("t:9"): typos rarely hit the first letter, and the
   *  buckets keep the in-memory scan to a few hundred stems. */
  byLength: Map<string, Array<{ term: string; df: number }>>;
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
    const byLength = new Map<string, Array<{ term: string; df: number }>>();
    for (const [term, df] of rows) {
      if (!/^\p{L}+$/u.test(term) || term.length < SPELLING.minWordLength - 1) continue;
      const key = `${term[0]}:${term.length}`;
      const bucket = byLength.get(key) ?? [];
      byLength.set(key, bucket);
      bucket.push({ term, df: Math.round(df * scale) });
    }
    vocabulary = { byLength, docs };
    return vocabulary;
  };
  const readSnapshotDocs = db.prepare("SELECT value FROM meta WHERE key = 'stats_docs'").pluck();
  const snapshotDocs = () => Number(readSnapshotDocs.get() ?? 0) || stats.docCount();

  // Surface forms of a stem: the stem with common English endings, kept when they stem back to it, then the
  // forms really written in a few papers that contain one of them (an exact-term query, cheap at any size).
  const surfaces = db
    .prepare(
      `SELECT highlight(fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}') || ' ' || highlight(fts, 1, '${MARK_OPEN}', '${MARK_CLOSE}')
       FROM fts WHERE fts MATCH ? LIMIT 10`,
    )
    .pluck();
  const surfaceForms = (term: string): string[] => {
    const bases = term.endsWith('i') ? [term, `${term.slice(0, -1)}y`] : [term];
    const guesses = [...new Set(bases.flatMap((b) => ENDINGS.map((e) => b + e)))];
    const stems = stats.stems(guesses);
    const valid = guesses.filter((_, i) => stems[i] === term);
    if (valid.length === 0) return [];
    const written = new Set<string>();
    for (const text of surfaces.all(`{title abstract} : "${valid[0]}"`) as string[]) {
      for (const m of text.matchAll(MARKED)) {
        const form = m[1]!.toLowerCase();
        if (/^\p{L}+$/u.test(form)) written.add(form);
      }
    }
    const real = [...written];
    const realStems = stats.stems(real);
    const checked = real.filter((_, i) => realStems[i] === term);
    return checked.length > 0 ? checked : valid;
  };

  /** The corrected form of one word, or null. */
  const correctWord = (word: string): string | null => {
    if (word.length < SPELLING.minWordLength || !/^\p{L}+$/u.test(word) || isStopWord(word)) return null;
    const stem = stats.stems([word])[0];
    if (!stem) return null;
    const own = stats.df(stem);
    if (own >= SPELLING.maxSuspectDf) return null;
    const floor = Math.max(SPELLING.minDf, SPELLING.minRatio * (own + 1));
    const maxDistance = word.length <= 5 ? 1 : 2;
    const { byLength } = load();
    // Stage 1, in memory: stems within maxDistance of some prefix of the word (the rest of the word is its ending).
    const found: Array<{ term: string; df: number; distance: number }> = [];
    for (let len = SPELLING.minWordLength - 1; len <= word.length + maxDistance; len++) {
      for (const candidate of byLength.get(`${word[0]}:${len}`) ?? []) {
        if (candidate.df < floor) continue;
        const distance = prefixDistance(candidate.term, word, maxDistance);
        if (distance <= maxDistance) found.push({ ...candidate, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || b.df - a.df);
    // Stage 2: the closest surface form of the best few stems, judged against the whole word.
    let best: { form: string; distance: number; df: number } | null = null;
    for (const candidate of found.slice(0, SPELLING.candidates)) {
      for (const form of surfaceForms(candidate.term)) {
        const distance = osaDistance(word, form, maxDistance);
        if (distance > maxDistance || form === word) continue;
        if (!best || distance < best.distance || (distance === best.distance && candidate.df > best.df))
          best = { form, distance, df: candidate.df };
      }
    }
    return best?.form ?? null;
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
