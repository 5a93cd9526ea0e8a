// Version watch (migration 0015): the events the paper upsert records (papers.repository.ts, paper-version-watch.ts)
// and the texts of superseded versions. Both are written only by the upsert; these are their readers.
import type { PaperEvent, VersionText } from '../papers/versions.models.js';
import type { Connection } from './database.js';

export function createPaperEventsRepository(conn: Connection) {
  const { db } = conn;
  const events = () =>
    db
      .selectFrom('paper_events as e')
      .innerJoin('papers as p', 'p.id', 'e.paper_id')
      .select(['e.seq', 'e.paper_id', 'p.arxiv_id', 'e.kind', 'e.version', 'e.detected_at']);
  return {
    /** Events after `afterSeq`, oldest first: the page a fan-out job reads, remembering the last seq it handled. */
    async listAfter(afterSeq: number, limit: number): Promise<PaperEvent[]> {
      const rows = await events().where('e.seq', '>', afterSeq).orderBy('e.seq').limit(limit).execute();
      return rows.map(toEvent);
    },

    async forPaper(paperId: number): Promise<PaperEvent[]> {
      const rows = await events().where('e.paper_id', '=', paperId).orderBy('e.seq').execute();
      return rows.map(toEvent);
    },
  };
}

export function createPaperVersionsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /** The superseded versions' texts this library kept, in version order (the current text is the paper's own). */
    async texts(paperId: number): Promise<VersionText[]> {
      return db
        .selectFrom('paper_versions')
        .select(['version', 'title', 'abstract'])
        .where('paper_id', '=', paperId)
        .orderBy('version')
        .execute();
    },
  };
}

function toEvent(row: {
  seq: number | string;
  paper_id: number | string;
  arxiv_id: string;
  kind: PaperEvent['kind'];
  version: number;
  detected_at: string;
}): PaperEvent {
  return {
    seq: Number(row.seq),
    paperId: Number(row.paper_id),
    arxivId: row.arxiv_id,
    kind: row.kind,
    version: row.version,
    detectedAt: row.detected_at,
  };
}

export type PaperEventsRepository = ReturnType<typeof createPaperEventsRepository>;
export type PaperVersionsRepository = ReturnType<typeof createPaperVersionsRepository>;
