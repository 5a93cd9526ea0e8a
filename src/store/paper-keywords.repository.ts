import type { Connection } from './database.js';

/** A paper's keywords and the hash of the text they came from (migration 0019). */
export interface StoredKeywords {
  keywords: string[];
  textHash: string;
}

export function createPaperKeywordsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** Stores (or replaces) keywords; one statement, so the page version moves once per batch. */
    async put(items: ReadonlyArray<{ paperId: number } & StoredKeywords>): Promise<void> {
      if (items.length === 0) return;
      const now = new Date().toISOString();
      // 4 parameters a row: 500 rows stay far below either dialect's parameter limit.
      for (let i = 0; i < items.length; i += 500) {
        await db
          .insertInto('paper_keywords')
          .values(
            items.slice(i, i + 500).map((k) => ({
              paper_id: k.paperId,
              keywords_json: JSON.stringify(k.keywords),
              text_hash: k.textHash,
              computed_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.column('paper_id').doUpdateSet((eb) => ({
              keywords_json: eb.ref('excluded.keywords_json'),
              text_hash: eb.ref('excluded.text_hash'),
              computed_at: eb.ref('excluded.computed_at'),
            })),
          )
          .execute();
      }
    },

    /** The stored keywords of these papers (those that have any), one query for a page of cards. */
    async forPapers(paperIds: readonly number[]): Promise<Map<number, StoredKeywords>> {
      const out = new Map<number, StoredKeywords>();
      if (paperIds.length === 0) return out;
      const rows = await db
        .selectFrom('paper_keywords')
        .select(['paper_id', 'keywords_json', 'text_hash'])
        .where('paper_id', 'in', [...paperIds])
        .execute();
      for (const r of rows) {
        out.set(Number(r.paper_id), { keywords: JSON.parse(r.keywords_json) as string[], textHash: r.text_hash });
      }
      return out;
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('paper_keywords')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type PaperKeywordsRepository = ReturnType<typeof createPaperKeywordsRepository>;
