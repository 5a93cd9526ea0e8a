import type { Connection } from './database.js';

/** A paper's one-sentence summary, or the refusal that stands in for it (migration 0020). */
export interface StoredSummary {
  abstractHash: string;
  /** Null when the endpoint refused this abstract for good (`error` says why). */
  summary: string | null;
  model: string;
  error: string | null;
}

export function createPaperSummariesRepository(conn: Connection) {
  const { db } = conn;
  return {
    async put(item: { paperId: number } & StoredSummary): Promise<void> {
      const row = {
        paper_id: item.paperId,
        abstract_hash: item.abstractHash,
        summary: item.summary,
        model: item.model,
        error: item.error,
        created_at: new Date().toISOString(),
      };
      const { paper_id: _key, ...update } = row;
      await db
        .insertInto('paper_summaries')
        .values(row)
        .onConflict((oc) => oc.column('paper_id').doUpdateSet(update))
        .execute();
    },

    async forPapers(paperIds: readonly number[]): Promise<Map<number, StoredSummary>> {
      const out = new Map<number, StoredSummary>();
      if (paperIds.length === 0) return out;
      const rows = await db
        .selectFrom('paper_summaries')
        .select(['paper_id', 'abstract_hash', 'summary', 'model', 'error'])
        .where('paper_id', 'in', [...paperIds])
        .execute();
      for (const r of rows) {
        out.set(Number(r.paper_id), {
          abstractHash: r.abstract_hash,
          summary: r.summary,
          model: r.model,
          error: r.error,
        });
      }
      return out;
    },

    async count(): Promise<{ summaries: number; refused: number }> {
      const rows = await db
        .selectFrom('paper_summaries')
        .select((eb) => [eb.fn.count<number>('summary').as('summaries'), eb.fn.countAll<number>().as('all')])
        .executeTakeFirstOrThrow();
      return { summaries: Number(rows.summaries), refused: Number(rows.all) - Number(rows.summaries) };
    },
  };
}

export type PaperSummariesRepository = ReturnType<typeof createPaperSummariesRepository>;
