// Paper vectors inside the search index file (table `vectors`, index-schema.ts): one row per paper with the
// vector space (`model`) it belongs to and the text it was computed from (`text_hash`, compared with
// docs.text_hash to find stale vectors); float32 little-endian, unit length. `seq` grows with every write so
// that an HNSW graph in memory loads only what changed since it was built.
import type Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { SqlCondition } from './filters.js';
import { createVectorReader } from './vector-reader.js';

export interface PendingText {
  paperId: number;
  textHash: string;
  text: string;
}

export interface StoreVector {
  paperId: number;
  textHash: string;
  vector: Float32Array;
}

export interface Neighbour {
  paperId: number;
  /** Cosine similarity, higher is closer. */
  similarity: number;
}

const toBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** sqlite-vec's distance as a JavaScript SQL function, for installs without its binary (it ships as an optional
 *  per-platform package, so `npm ci --omit=optional` leaves it out). Same result, several times slower. */
export function registerJsDistance(db: Database.Database): void {
  db.function('vec_distance_cosine', { deterministic: true }, (a: unknown, b: unknown) => {
    const x = asVector(a);
    const y = asVector(b);
    if (x.length !== y.length) throw new Error(`vector lengths differ: ${x.length} and ${y.length}`);
    let dot = 0;
    let nx = 0;
    let ny = 0;
    for (let i = 0; i < x.length; i++) {
      dot += x[i]! * y[i]!;
      nx += x[i]! * x[i]!;
      ny += y[i]! * y[i]!;
    }
    return 1 - dot / (Math.sqrt(nx * ny) || 1);
  });
}

function asVector(blob: unknown): Float32Array {
  const b = blob as Buffer;
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

export function createVectorStore(db: Database.Database) {
  try {
    sqliteVec.load(db);
  } catch {
    registerJsDistance(db);
  }
  const pending = db
    .prepare(
      `SELECT d.paper_id, d.text_hash, f.title, f.abstract
     FROM docs d JOIN fts f ON f.rowid = d.paper_id
     LEFT JOIN vectors v ON v.paper_id = d.paper_id AND v.model = ? AND v.text_hash = d.text_hash
     WHERE d.paper_id > ? AND v.paper_id IS NULL
     ORDER BY d.paper_id LIMIT ?`,
    )
    .raw();
  const docHash = db.prepare('SELECT 1 FROM docs WHERE paper_id = ?').pluck();
  // The write counter lives in meta: max(seq) over all models has no index to answer it.
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('vector_seq', '0')").run();
  const readSeq = db.prepare("SELECT value FROM meta WHERE key = 'vector_seq'").pluck();
  const writeSeq = db.prepare("UPDATE meta SET value = ? WHERE key = 'vector_seq'");
  const upsert = db.prepare(
    `INSERT INTO vectors (paper_id, model, text_hash, seq, vec) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (paper_id) DO UPDATE SET model = excluded.model, text_hash = excluded.text_hash,
       seq = excluded.seq, vec = excluded.vec`,
  );
  const countDocs = db.prepare('SELECT count(*) FROM docs').pluck();
  const countCurrent = db
    .prepare(
      'SELECT count(*) FROM vectors v JOIN docs d ON d.paper_id = v.paper_id WHERE v.model = ? AND v.text_hash = d.text_hash',
    )
    .pluck();
  const countModel = db.prepare('SELECT count(*) FROM vectors WHERE model = ?').pluck();
  const anyOf = db.prepare('SELECT 1 FROM vectors WHERE model = ? LIMIT 1').pluck();
  const deleteOne = db.prepare('DELETE FROM vectors WHERE paper_id = ?');
  const reader = createVectorReader(db);
  const one = db.prepare('SELECT vec FROM vectors WHERE paper_id = ? AND model = ?').pluck();
  const current = db.prepare('SELECT 1 FROM vectors WHERE paper_id = ? AND model = ? AND text_hash = ?').pluck();
  const readMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const writeMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const storeSeqKey = (model: string) => `store_vector_seq:${model}`;
  const statements = statementCache(db);
  const countCache = new Map<string, Database.Statement>();

  const put = db.transaction(
    (model: string, items: Array<{ paperId: number; textHash: string; vector: Float32Array }>) => {
      let seq = Number(readSeq.get()) + 1;
      let written = 0;
      for (const item of items) {
        // The paper may have been removed from the index while its text was being embedded.
        if (docHash.get(item.paperId) === undefined) continue;
        upsert.run(item.paperId, model, item.textHash, seq++, toBlob(item.vector));
        written++;
      }
      writeSeq.run(String(seq - 1));
      return written;
    },
  );

  // Vectors copied from the store, together with how far the store's feed has been read, in one transaction.
  const applyFromStore = db.transaction((model: string, items: ReadonlyArray<StoreVector>, upToSeq: number) => {
    const fresh = items.filter((i) => current.get(i.paperId, model, i.textHash) === undefined);
    const written = fresh.length > 0 ? put(model, fresh) : 0;
    writeMeta.run(storeSeqKey(model), String(upToSeq));
    return written;
  });

  /** Copies the vectors of another index file whose papers have the same text here (reindex keeps embeddings). */
  const copyFrom = (file: string): number => {
    db.prepare('ATTACH DATABASE ? AS old').run(file);
    try {
      const copy = db.transaction(() => {
        const copied = db
          .prepare(
            `INSERT OR REPLACE INTO vectors (paper_id, model, text_hash, seq, vec)
             SELECT v.paper_id, v.model, v.text_hash, v.seq, v.vec
             FROM old.vectors v JOIN docs d ON d.paper_id = v.paper_id AND d.text_hash = v.text_hash`,
          )
          .run().changes;
        const top = Number(db.prepare('SELECT coalesce(max(seq), 0) FROM vectors').pluck().get());
        if (top > Number(readSeq.get())) writeSeq.run(String(top));
        return copied;
      });
      return copy();
    } finally {
      db.prepare('DETACH DATABASE old').run();
    }
  };

  return {
    copyFrom,
    /** How far this index has read the store's vector feed of `model`. */
    storeSeq: (model: string) => Number(readMeta.get(storeSeqKey(model)) ?? 0),
    /** Stores vectors read from the store (skipping those this index already has for the same text) and
     *  records `upToSeq` as read. */
    applyFromStore: ({
      model,
      items,
      upToSeq,
    }: {
      model: string;
      items: ReadonlyArray<StoreVector>;
      upToSeq: number;
    }) => applyFromStore(model, items, upToSeq),
    pendingEmbeddings({
      model,
      afterPaperId,
      limit,
    }: {
      model: string;
      afterPaperId: number;
      limit: number;
    }): PendingText[] {
      return (pending.all(model, afterPaperId, limit) as [number, string, string, string][]).map(
        ([paperId, textHash, title, abstract]) => ({
          paperId,
          textHash,
          text: `${title}\n${abstract}`,
        }),
      );
    },
    putVectors: ({
      model,
      items,
    }: {
      model: string;
      items: Array<{ paperId: number; textHash: string; vector: Float32Array }>;
    }) => put(model, items),
    embeddingStatus: ({ model }: { model: string }) => ({
      embedded: Number(countCurrent.get(model)),
      total: Number(countDocs.get()),
    }),
    /** Vectors of a model, stale or not (a stale vector still describes the paper well until it is replaced). */
    vectorCount: (model: string) => Number(countModel.get(model)),
    hasVectors: (model: string) => anyOf.get(model) !== undefined,
    maxSeq: reader.maxSeq,
    vectorOf(paperId: number, model: string): Float32Array | null {
      const blob = one.get(paperId, model) as Buffer | undefined;
      return blob ? new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)) : null;
    },
    remove: (paperId: number) => deleteOne.run(paperId),
    changedSince: reader.changedSince,
    /** How many papers the filter admits, counting no further than `cap` (cost ∝ min(admitted, cap)). */
    admittedCount({ filter, cap }: { filter: SqlCondition; cap: number }): number {
      let st = countCache.get(filter.sql);
      if (!st) {
        st = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM docs d WHERE ${filter.sql} LIMIT ?)`).pluck();
        countCache.set(filter.sql, st);
      }
      return Number(st.get(...filter.params, cap));
    },
    /** Exact nearest neighbours among the vectors written after `afterSeq` — those an HNSW graph that is being
     *  rebuilt does not hold yet — that pass the filter (`check` form), visited through the (model, seq) index. */
    exactKnnSince({
      model,
      vector,
      k,
      afterSeq,
      filter,
    }: {
      model: string;
      vector: Float32Array;
      k: number;
      afterSeq: number;
      filter: SqlCondition;
    }): Neighbour[] {
      const st = statements.get(
        `since|${filter.sql}`,
        () => `SELECT v.paper_id, vec_distance_cosine(v.vec, ?) AS dist
               FROM vectors v CROSS JOIN docs d ON d.paper_id = v.paper_id
               WHERE v.model = ? AND v.seq > ? AND ${filter.sql}
               ORDER BY dist LIMIT ?`,
      );
      return toNeighbours(st.all(toBlob(vector), model, afterSeq, ...filter.params, k));
    },
    /** Exact nearest neighbours among the papers the filter admits: sqlite-vec computes a distance for every
     *  admitted vector, visited from the filter's driving set (docs first, then each paper's vector by key). */
    exactKnn({
      model,
      vector,
      k,
      filter,
    }: {
      model: string;
      vector: Float32Array;
      k: number;
      filter: SqlCondition;
    }): Neighbour[] {
      const st = statements.get(
        `knn|${filter.sql}`,
        () => `SELECT v.paper_id, vec_distance_cosine(v.vec, ?) AS dist
               FROM docs d CROSS JOIN vectors v ON v.paper_id = d.paper_id
               WHERE ${filter.sql} AND v.model = ?
               ORDER BY dist LIMIT ?`,
      );
      return toNeighbours(st.all(toBlob(vector), ...filter.params, model, k));
    },
  };
}

const toNeighbours = (rows: unknown[]): Neighbour[] =>
  (rows as [number, number][]).map(([paperId, dist]) => ({ paperId, similarity: 1 - dist }));

/** Prepared statements whose SQL depends on a filter's shape, prepared once per shape (raw rows). */
function statementCache(db: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    get(key: string, sql: () => string): Database.Statement {
      let st = cache.get(key);
      if (!st) {
        st = db.prepare(sql()).raw();
        cache.set(key, st);
      }
      return st;
    },
  };
}

export type VectorStore = ReturnType<typeof createVectorStore>;
