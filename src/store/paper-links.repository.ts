// Links authors set on a paper (migration 0018). papers.code_url / project_url hold the link every page shows,
// so a change writes both tables, a new change_seq for the paper (the search index re-reads it: "has code" may
// change) and its audit entry, in one transaction.
import { sql } from 'kysely';
import type { AuditEntry } from '../community/moderation.models.js';
import type { AuthorLinks, StoredAuthorLinks } from '../papers/paper-links.models.js';
import { insertAudit } from './audit.repository.js';
import type { Connection } from './database.js';

export function createPaperLinksRepository(conn: Connection) {
  const { db } = conn;
  return {
    async get(paperId: number): Promise<StoredAuthorLinks | null> {
      const row = await db
        .selectFrom('paper_links as pl')
        .leftJoin('users as u', 'u.id', 'pl.updated_by')
        .select(['pl.code_url', 'pl.project_url', 'pl.extra_json', 'u.username', 'pl.updated_at'])
        .where('pl.paper_id', '=', paperId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        codeUrl: row.code_url,
        projectUrl: row.project_url,
        extra: JSON.parse(row.extra_json),
        updatedBy: row.username,
        updatedAt: row.updated_at,
      };
    },

    /**
     * Stores the authors' links (removing the row when nothing is left) and the paper's shown links: `shown` is
     * what the paper displays now, the authors' link or else the extracted one.
     */
    async set(s: {
      paperId: number;
      links: AuthorLinks;
      shown: { codeUrl: string | null; projectUrl: string | null };
      audit: Omit<AuditEntry, 'targetType' | 'targetId'>;
      now: string;
    }): Promise<void> {
      const { links } = s;
      const empty = links.codeUrl === null && links.projectUrl === null && links.extra.length === 0;
      await db.transaction().execute(async (trx) => {
        if (empty) await trx.deleteFrom('paper_links').where('paper_id', '=', s.paperId).execute();
        else {
          const values = {
            code_url: links.codeUrl,
            project_url: links.projectUrl,
            extra_json: JSON.stringify(links.extra),
            updated_by: s.audit.actorId,
            updated_at: s.now,
          };
          await trx
            .insertInto('paper_links')
            .values({ paper_id: s.paperId, ...values })
            .onConflict((oc) => oc.column('paper_id').doUpdateSet(values))
            .execute();
        }
        const { value } = await trx
          .updateTable('counters')
          .set({ value: sql`value + 1` })
          .where('name', '=', 'paper_change_seq')
          .returning('value')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('papers')
          .set({
            code_url: s.shown.codeUrl,
            project_url: s.shown.projectUrl,
            change_seq: Number(value),
            modified_at: s.now,
          })
          .where('id', '=', s.paperId)
          .execute();
        await insertAudit(trx, { ...s.audit, targetType: 'paper', targetId: String(s.paperId), createdAt: s.now });
      });
    },
  };
}

export type PaperLinksRepository = ReturnType<typeof createPaperLinksRepository>;
