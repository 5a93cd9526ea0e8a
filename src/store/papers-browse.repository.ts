import type { StoredPaper } from '../papers/papers.models.js';
import type { Connection } from './database.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';

/** Where a page of the newest-first list starts: after this paper (exclusive). */
export interface PublishedCursor {
  publishedAt: string;
  id: number;
}

/** Every paper of the library, newest arXiv date first, in pages that stay stable while papers are added. */
export function createPapersBrowseRepository(conn: Connection) {
  const { db } = conn;
  return {
    async newestFirst({ after, limit }: { after: PublishedCursor | null; limit: number }): Promise<StoredPaper[]> {
      let query = db.selectFrom('papers').selectAll();
      if (after) {
        // Keyset paging on papers_published_id (migration 0019): no OFFSET, so page N costs what page 1 does.
        query = query.where((eb) =>
          eb.or([
            eb('published_at', '<', after.publishedAt),
            eb.and([eb('published_at', '=', after.publishedAt), eb('id', '<', after.id)]),
          ]),
        );
      }
      const rows = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => rowToPaper(r as PaperRow));
    },
  };
}
