// Second stage of "similar papers": ranks more-like-this candidates by BM25 of the whole example against
// each candidate's title and abstract. The FTS5 stage can only weight a query term by repeating it and must
// keep the query short to stay fast at 1M papers (its 30 most distinctive terms), so it is a good candidate
// generator but a coarse ranker; scoring a hundred candidates in full with every term of the example, each
// weighted by how often the example uses it, costs a few milliseconds. On CSFCube this takes nDCG@20 from
// 0.457 (more-like-this alone) to 0.501 with no parameter of its own: k1 and the title weight are the keyword
// ranking's (tuned on SciFact train), b is FTS5's (figures in docs/search.md).
import type Database from 'better-sqlite3';
import { RANK_TUNING } from './candidates.js';
import { splitWords } from './query-parser.js';
import { isStopWord } from './stopwords.js';
import type { TermStats } from './term-stats.js';

const K1 = 1.2;
const B = 0.75;
const MAX_TEXT_CHARS = 20_000;

/** Words that can carry a topic: longer than two letters, not a function word, not a bare number. */
export function contentWords(text: string): string[] {
  return splitWords(text.slice(0, MAX_TEXT_CHARS)).filter((w) => w.length > 2 && !isStopWord(w) && !/^\d+$/.test(w));
}

interface Scored {
  paperId: number;
  score: number;
}

export function createExampleRanker({ db, stats }: { db: Database.Database; stats: TermStats }) {
  const readTexts = db
    .prepare('SELECT rowid, title, abstract FROM fts WHERE rowid IN (SELECT value FROM json_each(?))')
    .raw();

  const stemsOf = (text: string) => stats.stems(contentWords(text)).filter((s): s is string => s !== null);
  const countInto = (tf: Map<string, number>, stems: readonly string[], weight: number) => {
    for (const s of stems) tf.set(s, (tf.get(s) ?? 0) + weight);
  };

  /** The candidates re-scored (higher is better) and sorted; candidates without stored text keep score 0. */
  return function rankByExample<T extends Scored>(text: string, candidates: readonly T[]): T[] {
    if (candidates.length === 0) return [];
    const query = new Map<string, number>();
    countInto(query, stemsOf(text), 1);
    const rows = readTexts.all(JSON.stringify(candidates.map((c) => c.paperId))) as [number, string, string][];
    const [titleWeight, abstractWeight] = RANK_TUNING.weights;
    const k1 = K1 / RANK_TUNING.scale;
    const docs = new Map<number, { tf: Map<string, number>; length: number }>();
    for (const [paperId, title, abstract] of rows) {
      const titleStems = stemsOf(title);
      const abstractStems = stemsOf(abstract);
      const tf = new Map<string, number>();
      // FTS5's bm25() weights columns the same way: a hit counts its column's weight towards the term frequency.
      countInto(tf, titleStems, titleWeight / abstractWeight);
      countInto(tf, abstractStems, 1);
      docs.set(paperId, { tf, length: titleStems.length + abstractStems.length });
    }
    let totalLength = 0;
    for (const d of docs.values()) totalLength += d.length;
    const avgLength = Math.max(totalLength / Math.max(docs.size, 1), 1);
    const n = Math.max(stats.docCount(), 1);
    const idf = new Map<string, number>();
    for (const term of query.keys()) idf.set(term, Math.log(n / Math.max(stats.df(term), 1)));

    const scoreOf = (paperId: number) => {
      const doc = docs.get(paperId);
      if (!doc) return 0;
      const norm = k1 * (1 - B + (B * doc.length) / avgLength);
      let score = 0;
      for (const [term, qtf] of query) {
        const f = doc.tf.get(term);
        if (f) score += qtf * idf.get(term)! * ((f * (k1 + 1)) / (f + norm));
      }
      return score;
    };
    return candidates
      .map((c) => ({ ...c, score: scoreOf(c.paperId) }))
      .sort((a, b) => b.score - a.score || b.paperId - a.paperId);
  };
}
