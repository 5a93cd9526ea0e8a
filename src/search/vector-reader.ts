// Reads a model's vectors from the index file in write order. Shared by the vector store and the worker thread
// that builds the HNSW graph from its own read-only connection.
import type Database from 'better-sqlite3';

export interface VectorReader {
  /** The newest write sequence number among `model`'s vectors (0: none). */
  maxSeq(model: string): number;
  /** Vectors written after `seq`, in write order. */
  changedSince(input: { model: string; seq: number; limit: number }): Array<{
    paperId: number;
    seq: number;
    vector: Float32Array;
  }>;
}

export function createVectorReader(db: Database.Database): VectorReader {
  const since = db
    .prepare('SELECT paper_id, seq, vec FROM vectors WHERE model = ? AND seq > ? ORDER BY seq LIMIT ?')
    .raw();
  const maxSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM vectors WHERE model = ?').pluck();
  return {
    maxSeq: (model) => Number(maxSeq.get(model)),
    changedSince: ({ model, seq, limit }) =>
      (since.all(model, seq, limit) as [number, number, Buffer][]).map(([paperId, s, vec]) => ({
        paperId,
        seq: s,
        vector: new Float32Array(vec.buffer.slice(vec.byteOffset, vec.byteOffset + vec.byteLength)),
      })),
  };
}
