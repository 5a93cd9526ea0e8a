// Impact-ordered postings for exact top-k keyword search, derived from the FTS5 index.
//
// For every term in at least MIN_DF papers, its papers sorted by their BM25 impact (bm25.ts termImpact, at the
// build's average length), stored in chunks that grow from 64 postings; each chunk carries the largest weighted tf
// and the smallest row length among its postings, so termImpact(max_tf, min_length) bounds every posting in it
// at any later average length. Rarer terms are read live from FTS5 (their doclists are short).
//
// Writes after a build do not touch the chunks: a paper written since (new or changed text) is "fresh" and is
// scored from its text; a paper the chunks hold whose text changed or that left the index is "dead" and is
// skipped, and the terms it had correct the document frequencies. A rebuild (after large syncs, with the term
// statistics) folds both back in. Nothing here is the truth: deleting the tables only makes search slower.
import type Database from 'better-sqlite3';
import { type ColumnCounts, createCorpusStatsReader, rowLength, termImpact } from './bm25.js';
import { RANK_TUNING } from './candidates.js';
import { createDocTermReader, type DocTerms } from './doc-terms.js';
import { STOP_WORDS } from './stopwords.js';

export const IMPACT_TUNING = {
  /** Terms in fewer papers are read live from FTS5 (≤ ~1,500 instances: about a millisecond). */
  minDf: 1_000,
  /** Below this many papers every query is scored exhaustively by FTS5 (fast there); no lists are built. */
  minDocs: 20_000,
  firstChunk: 64,
  maxChunk: 4_096,
  /** Fresh + dead papers beyond which the lists are rebuilt at the next statistics refresh… */
  rebuildShare: 0.01,
  rebuildMin: 5_000,
  /** …and beyond which queries stop using them (exhaustive FTS5) until then. */
  usableMax: 50_000,
};

/** One posting: paper, column counts packed (title 8 bits, abstract 10, authors 7, categories 7), row length. */
export interface Chunk {
  maxTf: number;
  minLength: number;
  docs: Uint32Array;
  counts: Uint32Array;
  lengths: Uint16Array;
}

const LIMITS = [255, 1023, 127, 127] as const;
const BUCKETS = 4096;

export function unpackCounts(packed: number): ColumnCounts {
  return [packed & 0xff, (packed >>> 8) & 0x3ff, (packed >>> 18) & 0x7f, (packed >>> 25) & 0x7f];
}

function pack(c: ArrayLike<number>): number {
  return (c[0]! | (c[1]! << 8) | (c[2]! << 18) | (c[3]! << 25)) >>> 0;
}

export interface ImpactState {
  /** Papers to skip in the chunks (dead, or fresh: scored from their text instead). */
  skip: Set<number>;
  fresh: Map<number, DocTerms>;
  /** Terms of fresh papers → the fresh papers holding them. */
  freshByTerm: Map<string, number[]>;
  /** How many dead papers held each term (subtracted from the build's df). */
  deadDf: Map<string, number>;
}

export function createImpactIndex(db: Database.Database) {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.impact_instance USING fts5vocab(main, fts, instance)');
  const corpus = createCorpusStatsReader(db);
  const docTerms = createDocTermReader(db);
  const readMeta = db.prepare("SELECT value FROM meta WHERE key = 'impact_weights'").pluck();
  const writeMeta = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('impact_weights', ?)");
  const dropMeta = db.prepare("DELETE FROM meta WHERE key = 'impact_weights'");
  const termRow = db.prepare('SELECT df, chunks FROM impact_terms WHERE term = ?').raw();
  const boundRows = db.prepare('SELECT max_tf, min_length FROM impact_chunks WHERE term = ? ORDER BY chunk').raw();
  const chunkRow = db
    .prepare('SELECT max_tf, min_length, postings FROM impact_chunks WHERE term = ? AND chunk = ?')
    .raw();
  const liveInstances = db.prepare('SELECT doc, col FROM temp.impact_instance WHERE term = ?').raw();
  const docSize = db.prepare('SELECT sz FROM fts_docsize WHERE id = ?').pluck();
  const existing = db.prepare('SELECT paper_id FROM docs WHERE paper_id IN (SELECT value FROM json_each(?))').pluck();
  const texts = db
    .prepare(
      `SELECT f.rowid, f.title || char(1) || f.abstract || char(1) || f.authors || char(1) || f.categories
       FROM json_each(?) j CROSS JOIN fts f ON f.rowid = j.value`,
    )
    .raw();
  const isFresh = db.prepare('SELECT 1 FROM impact_fresh WHERE paper_id = ?').pluck();
  const isDead = db.prepare('SELECT 1 FROM impact_dead WHERE paper_id = ?').pluck();
  const addFresh = db.prepare('INSERT OR IGNORE INTO impact_fresh (paper_id) VALUES (?)');
  const dropFresh = db.prepare('DELETE FROM impact_fresh WHERE paper_id = ?');
  const addDead = db.prepare('INSERT OR IGNORE INTO impact_dead (paper_id, terms) VALUES (?, ?)');
  const countPending = db
    .prepare('SELECT (SELECT count(*) FROM impact_fresh) + (SELECT count(*) FROM impact_dead)')
    .pluck();
  const weightsKey = () => JSON.stringify([RANK_TUNING.weights, RANK_TUNING.scale]);
  let state: ImpactState | null = null;
  // Another connection's commit (a second process on the same file) also invalidates what was loaded.
  let dataVersion = -1;

  const built = () => readMeta.get() === weightsKey();

  const loadState = (): ImpactState => {
    const version = Number(db.pragma('data_version', { simple: true }));
    if (state && version === dataVersion) return state;
    dataVersion = version;
    const freshIds = db.prepare('SELECT paper_id FROM impact_fresh').pluck().all() as number[];
    const fresh = docTerms(freshIds);
    const freshByTerm = new Map<string, number[]>();
    for (const [doc, entry] of fresh) {
      for (const term of entry.terms.keys()) {
        const list = freshByTerm.get(term);
        if (list) list.push(doc);
        else freshByTerm.set(term, [doc]);
      }
    }
    const deadDf = new Map<string, number>();
    const skip = new Set<number>(freshIds);
    for (const row of db.prepare('SELECT paper_id, terms FROM impact_dead').raw().iterate() as Iterable<
      [number, string]
    >) {
      skip.add(row[0]);
      for (const t of row[1].split(' ')) if (t) deadDf.set(t, (deadDf.get(t) ?? 0) + 1);
    }
    state = { skip, fresh, freshByTerm, deadDf };
    return state;
  };

  const stopStems = () => {
    db.prepare('INSERT INTO temp.doc_scratch (rowid, title) VALUES (1, ?)').run([...STOP_WORDS].join(' '));
    const stems = new Set(db.prepare('SELECT term FROM temp.doc_scratch_terms').pluck().all() as string[]);
    db.prepare("INSERT INTO temp.doc_scratch (doc_scratch) VALUES ('delete-all')").run();
    return stems;
  };

  /** Rebuilds every list from FTS5 in one transaction (readers keep the old lists until it commits). */
  const rebuild = db.transaction(() => {
    db.exec('DELETE FROM impact_chunks; DELETE FROM impact_terms; DELETE FROM impact_fresh; DELETE FROM impact_dead');
    state = null;
    const { rows, avgdl } = corpus();
    if (rows < IMPACT_TUNING.minDocs) {
      dropMeta.run();
      return;
    }
    const insertTerm = db.prepare('INSERT INTO impact_terms (term, df, chunks) VALUES (?, ?, ?)');
    const insertChunk = db.prepare(
      'INSERT INTO impact_chunks (term, chunk, max_tf, min_length, postings) VALUES (?, ?, ?, ?, ?)',
    );
    // Row lengths of every paper, read once (4 MB at 1M papers).
    const maxId = Number(db.prepare('SELECT coalesce(max(id), 0) FROM fts_docsize').pluck().get());
    const lengthOf = new Uint32Array(maxId + 1);
    for (const [id, sz] of db.prepare('SELECT id, sz FROM fts_docsize').raw().iterate() as Iterable<[number, Buffer]>) {
      lengthOf[id] = rowLength(sz);
    }
    // Papers whose counts or length do not fit a posting are made fresh (scored from text) and dead (their
    // postings in other lists skipped, their df corrected): rare, and exact either way.
    const misfits = new Map<number, Set<string>>();
    const col: Record<string, number> = { title: 0, abstract: 1, authors: 2, categories: 3 };
    const w = RANK_TUNING.weights.map((x) => x * RANK_TUNING.scale);
    const writeTerm = (term: string, instances: [number, string][]) => {
      const docs = new Uint32Array(instances.length);
      const counts = new Uint16Array(instances.length * 4);
      let n = 0;
      for (const [doc, c] of instances) {
        if (n === 0 || docs[n - 1] !== doc) docs[n++] = doc;
        counts[(n - 1) * 4 + col[c]!]!++;
      }
      if (n < IMPACT_TUNING.minDf) return;
      const tf = new Float64Array(n);
      const key = new Uint16Array(n);
      const buckets = new Uint32Array(BUCKETS + 1);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const c = counts.subarray(i * 4, i * 4 + 4);
        const len = lengthOf[docs[i]!] ?? 0;
        if (len > 0xffff || c[0]! > LIMITS[0] || c[1]! > LIMITS[1] || c[2]! > LIMITS[2] || c[3]! > LIMITS[3]) {
          const set = misfits.get(docs[i]!) ?? new Set<string>();
          set.add(term);
          misfits.set(docs[i]!, set);
          key[i] = BUCKETS; // left out
          continue;
        }
        tf[i] = c[0]! * w[0]! + c[1]! * w[1]! + c[2]! * w[2]! + c[3]! * w[3]!;
        // Best first, by impact in 4,096 steps: the order inside a chunk does not matter (its bounds do).
        const impact = termImpact({ tf: tf[i]!, length: len, avgdl });
        key[i] = BUCKETS - 1 - Math.min(BUCKETS - 1, Math.floor((impact / 2.2) * BUCKETS));
        buckets[key[i]! + 1]!++;
        kept++;
      }
      for (let b = 1; b <= BUCKETS; b++) buckets[b]! += buckets[b - 1]!;
      const order = new Uint32Array(kept);
      for (let i = 0; i < n; i++) if (key[i]! < BUCKETS) order[buckets[key[i]!]!++] = i;
      let chunk = 0;
      let size = IMPACT_TUNING.firstChunk;
      for (let start = 0; start < kept; start += size, size = Math.min(size * 2, IMPACT_TUNING.maxChunk)) {
        const m = Math.min(size, kept - start);
        const ab = new ArrayBuffer(m * 10);
        const pDocs = new Uint32Array(ab, 0, m);
        const pCounts = new Uint32Array(ab, m * 4, m);
        const pLengths = new Uint16Array(ab, m * 8, m);
        let maxTf = 0;
        let minLength = Number.MAX_SAFE_INTEGER;
        for (let j = 0; j < m; j++) {
          const i = order[start + j]!;
          pDocs[j] = docs[i]!;
          pCounts[j] = pack(counts.subarray(i * 4, i * 4 + 4));
          pLengths[j] = lengthOf[docs[i]!]!;
          if (tf[i]! > maxTf) maxTf = tf[i]!;
          if (pLengths[j]! < minLength) minLength = pLengths[j]!;
        }
        insertChunk.run(term, chunk++, maxTf, minLength, Buffer.from(ab));
      }
      insertTerm.run(term, kept, chunk);
    };
    // Candidate terms from the df snapshot when there is one (a full vocabulary scan costs tens of seconds at 1M);
    // a term it misses is only slower (read live), never wrong. better-sqlite3 cannot write while a statement
    // iterates, so each term's instances are read whole.
    const snapshot = Number(db.prepare("SELECT value FROM meta WHERE key = 'stats_docs'").pluck().get() ?? 0);
    const common = (
      snapshot > 0
        ? db
            .prepare('SELECT term FROM term_stats WHERE df * ? >= ?')
            .pluck()
            .all(rows / snapshot, IMPACT_TUNING.minDf / 2)
        : db.prepare('SELECT term FROM fts_row WHERE doc >= ?').pluck().all(IMPACT_TUNING.minDf)
    ) as string[];
    // Stop words never reach a query beside content words (query-plan.ts), and their lists would be the longest.
    const stop = stopStems();
    for (const t of common) if (!stop.has(t)) writeTerm(t, liveInstances.all(t) as [number, string][]);
    if (misfits.size > 0) {
      // Second pass for the few misfits: which lists hold them (so their df is corrected) — read from their text.
      const terms = docTerms([...misfits.keys()]);
      for (const [doc, entry] of terms) {
        const inLists = [...entry.terms.keys()].filter(
          (t) => !misfits.get(doc)!.has(t) && termRow.get(t) !== undefined,
        );
        addDead.run(doc, inLists.join(' '));
        addFresh.run(doc);
      }
    }
    writeMeta.run(weightsKey());
  });

  return {
    built,
    rebuild: () => rebuild(),
    /** Whether the lists are worth rebuilding (many papers written since the last build). */
    stale(): boolean {
      const rows = corpus().rows;
      if (!built()) return rows >= IMPACT_TUNING.minDocs;
      const pending = Number(countPending.get());
      return pending > Math.max(IMPACT_TUNING.rebuildMin, IMPACT_TUNING.rebuildShare * rows);
    },
    /** Whether queries can use the lists now. */
    usable(): boolean {
      return built() && loadState().skip.size <= IMPACT_TUNING.usableMax;
    },
    corpus,
    state: loadState,
    docTerms,
    /** The build's df and chunk count of a term with lists, or null (a rare term: read it live). */
    term(stem: string): { df: number; chunks: number } | null {
      const row = termRow.get(stem) as [number, number] | undefined;
      return row ? { df: row[0], chunks: row[1] } : null;
    },
    /** Every chunk's largest weighted tf and smallest row length, in chunk order. */
    bounds(stem: string): [number, number][] {
      return boundRows.all(stem) as [number, number][];
    },
    chunk(stem: string, i: number): Chunk {
      const [maxTf, minLength, blob] = chunkRow.get(stem, i) as [number, number, Buffer];
      const n = blob.length / 10;
      const ab = blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.length);
      return {
        maxTf,
        minLength,
        docs: new Uint32Array(ab, 0, n),
        counts: new Uint32Array(ab, n * 4, n),
        lengths: new Uint16Array(ab, n * 8, n),
      };
    },
    /** Every live posting of a (rare) term straight from FTS5: paper → column counts, with row lengths. */
    live(stem: string): { docs: number[]; counts: ColumnCounts[]; lengths: number[] } {
      const docs: number[] = [];
      const counts: number[][] = [];
      const col: Record<string, number> = { title: 0, abstract: 1, authors: 2, categories: 3 };
      for (const [doc, c] of liveInstances.iterate(stem) as Iterable<[number, string]>) {
        if (docs[docs.length - 1] !== doc) {
          docs.push(doc);
          counts.push([0, 0, 0, 0]);
        }
        counts[counts.length - 1]![col[c]!]!++;
      }
      return {
        docs,
        counts: counts as unknown as ColumnCounts[],
        lengths: docs.map((d) => rowLength(docSize.get(d) as Buffer)),
      };
    },
    /**
     * Runs a write to the index and records what it did to the lists: papers the lists hold whose text changed or
     * that left become dead (with the terms they had), papers with new text become fresh.
     */
    track<T>(paperIds: readonly number[], write: () => T, textAfter?: (paperId: number) => string | undefined): T {
      if (!built()) return write();
      return db.transaction(() => {
        const ids = JSON.stringify(paperIds);
        const before = new Map(texts.all(ids) as [number, string][]);
        // Only listed papers whose text changes need their old terms (≈ 250 µs each): a write that only moved
        // votes or flags costs two reads per paper.
        const covered = new Set(
          [...before.keys()].filter(
            (id) =>
              isFresh.get(id) === undefined &&
              isDead.get(id) === undefined &&
              (textAfter === undefined || textAfter(id) !== before.get(id)),
          ),
        );
        const oldTerms = docTerms([...covered]);
        const result = write();
        const after = new Map(texts.all(ids) as [number, string][]);
        const present = new Set(existing.all(ids) as number[]);
        for (const id of paperIds) {
          const now = present.has(id) ? after.get(id) : undefined;
          if (now === before.get(id)) continue;
          if (covered.has(id)) {
            addDead.run(id, [...(oldTerms.get(id)?.terms.keys() ?? [])].filter((t) => termRow.get(t)).join(' '));
          } else if (before.has(id) && isFresh.get(id) === undefined && isDead.get(id) === undefined) {
            // textAfter guessed wrong: the old terms are gone, so the lists cannot be corrected for this paper.
            // They stop answering (exhaustive path, still exact) until the next rebuild, which stale() asks for.
            dropMeta.run();
          }
          if (now === undefined) dropFresh.run(id);
          else addFresh.run(id);
        }
        state = null;
        return result;
      })();
    },
  };
}

export type ImpactIndex = ReturnType<typeof createImpactIndex>;
