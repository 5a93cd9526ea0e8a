import { sql } from 'kysely';
import type { Connection } from './database.js';

/** A paper's embedding in one vector space, as every search index copies it (migration 0006). */
export interface StoredVector {
  paperId: number;
  model: string;
  /** The search index's hash of the text the vector was computed from. */
  textHash: string;
  vector: Float32Array;
  /** Write order (counters.vector_seq): a follower asks for "after seq N". */
  seq: number;
  /** The paper's change_seq now: a follower whose index has not reached it waits for the paper first. */
  paperChangeSeq: number;
}

export interface VectorWrite {
  paperId: number;
  textHash: string;
  vector: Float32Array;
}

const toBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

// A copy, not a view: the driver's buffer may sit at an offset that is not a multiple of 4.
function toVector(blob: Uint8Array): Float32Array {
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float32Array(bytes.buffer);
}

export function createVectorsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /**
     * Stores (or replaces) vectors of one model in one transaction, each with a new seq; papers the store does
     * not have are skipped. Returns how many were written.
     */
    async put({ model, items }: { model: string; items: readonly VectorWrite[] }): Promise<number> {
      if (items.length === 0) return 0;
      return db.transaction().execute(async (trx) => {
        const known = await trx
          .selectFrom('papers')
          .select('id')
          .where(
            'id',
            'in',
            items.map((i) => i.paperId),
          )
          .execute();
        const ids = new Set(known.map((r) => Number(r.id)));
        const writes = items.filter((i) => ids.has(i.paperId));
        if (writes.length === 0) return 0;
        // The counter's row lock is held to commit, so on PostgreSQL seq order is commit order (as for papers).
        const { value } = await trx
          .updateTable('counters')
          .set({ value: sql`value + ${writes.length}` })
          .where('name', '=', 'vector_seq')
          .returning('value')
          .executeTakeFirstOrThrow();
        let seq = Number(value) - writes.length;
        // 5 parameters a row: 500 rows stay far below either dialect's parameter limit.
        for (let i = 0; i < writes.length; i += 500) {
          await trx
            .insertInto('paper_vectors')
            .values(
              writes.slice(i, i + 500).map((w) => ({
                paper_id: w.paperId,
                model,
                text_hash: w.textHash,
                vec: toBlob(w.vector),
                seq: ++seq,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['paper_id', 'model']).doUpdateSet((eb) => ({
                text_hash: eb.ref('excluded.text_hash'),
                vec: eb.ref('excluded.vec'),
                seq: eb.ref('excluded.seq'),
              })),
            )
            .execute();
        }
        return writes.length;
      });
    },

    /** Vectors of `model` written after `afterSeq`, in write order, at most `limit`. */
    async changedSince({
      model,
      afterSeq,
      limit,
    }: {
      model: string;
      afterSeq: number;
      limit: number;
    }): Promise<StoredVector[]> {
      const rows = await db
        .selectFrom('paper_vectors as v')
        .innerJoin('papers as p', 'p.id', 'v.paper_id')
        .select(['v.paper_id', 'v.model', 'v.text_hash', 'v.vec', 'v.seq', 'p.change_seq'])
        .where('v.model', '=', model)
        .where('v.seq', '>', afterSeq)
        .orderBy('v.seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        paperId: Number(r.paper_id),
        model: r.model,
        textHash: r.text_hash,
        vector: toVector(r.vec),
        seq: Number(r.seq),
        paperChangeSeq: Number(r.change_seq),
      }));
    },

    async count(model: string): Promise<number> {
      const row = await db
        .selectFrom('paper_vectors')
        .select(sql<number>`count(*)`.as('n'))
        .where('model', '=', model)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type VectorsRepository = ReturnType<typeof createVectorsRepository>;
