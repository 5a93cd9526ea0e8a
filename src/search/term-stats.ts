// Knows what FTS5 will make of a word (its porter stem) and how many papers contain it. Stems come from a
// scratch FTS5 table with the index's own tokenizer, so they always agree with the index; document
// frequencies come from the term_stats snapshot, refreshed after large syncs.
import type Database from 'better-sqlite3';

const STEM_CACHE_MAX = 50_000;

export interface TermStats {
  /** The FTS5 token of each word, in order (a word that yields no token maps to null). */
  stems(words: readonly string[]): (string | null)[];
  /** Document frequency of a stemmed token; 0 when the term is unknown. */
  df(stem: string): number;
  /** Number of documents the df figures are relative to. */
  docCount(): number;
  /** Token frequencies of a whole text (for more-like-this). */
  termFrequencies(text: string): Map<string, number>;
  /** Rebuilds the df snapshot from the live index (a full vocabulary scan). */
  refresh(): void;
  /** True when the live index has drifted far enough from the snapshot that refresh() is worth its cost. */
  isStale(): boolean;
  /** Forgets the cached document count after writes. */
  invalidate(): void;
}

export function createTermStats(db: Database.Database): TermStats {
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.scratch USING fts5(t, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.scratch_terms USING fts5vocab(temp, scratch, instance);
  `);
  const insert = db.prepare('INSERT INTO temp.scratch (rowid, t) VALUES (?, ?)');
  const clear = db.prepare('DELETE FROM temp.scratch');
  const instances = db.prepare('SELECT term, doc FROM temp.scratch_terms ORDER BY doc, offset').raw();
  const readDf = db.prepare('SELECT df FROM term_stats WHERE term = ?').pluck();
  const liveDf = db.prepare('SELECT doc FROM fts_row WHERE term = ?').pluck();
  const countDocs = db.prepare('SELECT count(*) FROM docs').pluck();
  const readMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const writeMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const stemCache = new Map<string, string | null>();
  let snapshotDocs = Number(readMeta.get('stats_docs') ?? 0);
  let liveDocs: number | null = null;

  const tokenize = db.transaction((texts: readonly string[]) => {
    texts.forEach((t, i) => {
      insert.run(i + 1, t);
    });
    const rows = instances.all() as [string, number][];
    clear.run();
    return rows;
  });

  const stems = (words: readonly string[]) => {
    const missing = [...new Set(words.filter((w) => !stemCache.has(w)))];
    if (missing.length > 0) {
      if (stemCache.size + missing.length > STEM_CACHE_MAX) stemCache.clear();
      const found = new Map<number, string>();
      for (const [term, doc] of tokenize(missing)) if (!found.has(doc)) found.set(doc, term);
      missing.forEach((w, i) => {
        stemCache.set(w, found.get(i + 1) ?? null);
      });
    }
    return words.map((w) => stemCache.get(w) ?? null);
  };

  const docCount = () => {
    liveDocs ??= Number(countDocs.get());
    return liveDocs;
  };

  return {
    stems,
    docCount,
    // Below ~50k papers the live vocabulary is cheap to read and always exact; above, the snapshot is
    // scaled to today's size (new terms read as rare, which is what they almost always are).
    df(stem) {
      if (snapshotDocs === 0 || docCount() < 50_000) return Number(liveDf.get(stem) ?? 0);
      const df = Number(readDf.get(stem) ?? 0);
      return Math.round((df * docCount()) / snapshotDocs);
    },
    termFrequencies(text) {
      const tf = new Map<string, number>();
      for (const [term] of tokenize([text])) tf.set(term, (tf.get(term) ?? 0) + 1);
      return tf;
    },
    refresh: db.transaction(() => {
      db.exec('DELETE FROM term_stats; INSERT INTO term_stats (term, df) SELECT term, doc FROM fts_row');
      liveDocs = null;
      snapshotDocs = docCount();
      writeMeta.run('stats_docs', String(snapshotDocs));
    }),
    invalidate() {
      liveDocs = null;
    },
    isStale() {
      liveDocs = null;
      const n = docCount();
      return n >= 50_000 && Math.abs(n - snapshotDocs) > 0.1 * Math.max(snapshotDocs, 1);
    },
  };
}
