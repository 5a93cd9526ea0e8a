// Papers looked up by the identifiers a bibliography carries: arXiv ids and DOIs (citation import).

import type { StoredPaper } from '../papers/papers.models.js';
import type { Connection } from './database.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';

export function createCitationsRepository(conn: Connection) {
  const { db } = conn;
  return {
    async findByArxivIds(arxivIds: readonly string[]): Promise<StoredPaper[]> {
      if (arxivIds.length === 0) return [];
      const rows = await db
        .selectFrom('papers')
        .selectAll()
        .where('arxiv_id', 'in', [...arxivIds])
        .execute();
      return rows.map((r) => rowToPaper(r as PaperRow));
    },

    /**
     * DOIs compare case-insensitively (the DOI handbook). No index serves this: an import is rare, owner-only and
     * capped at 1,000 entries, so one scan of `papers` per import is accepted; DOIs arrive lower-cased.
     */
    async findByDois(dois: readonly string[]): Promise<StoredPaper[]> {
      if (dois.length === 0) return [];
      const rows = await db
        .selectFrom('papers')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['doi']), 'in', [...dois]))
        .execute();
      return rows.map((r) => rowToPaper(r as PaperRow));
    },
  };
}
