import type { AuditEntry, StoredAuditEntry } from '../community/moderation.models.js';
import type { Connection } from './database.js';
import type { Executor } from './sql-helpers.js';

/** Writes an audit entry with the caller's executor, so it commits or rolls back with the action it records. */
export async function insertAudit(db: Executor, entry: AuditEntry & { createdAt: string }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason,
      created_at: entry.createdAt,
    })
    .execute();
}

export function createAuditRepository(conn: Connection) {
  const { db } = conn;
  return {
    record: (entry: AuditEntry, now = new Date().toISOString()) => insertAudit(db, { ...entry, createdAt: now }),

    /** Newest first. */
    async list(opts: { limit: number; offset: number }): Promise<StoredAuditEntry[]> {
      const rows = await db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.actor_id')
        .select([
          'a.id',
          'a.actor_id',
          'u.username',
          'a.action',
          'a.target_type',
          'a.target_id',
          'a.reason',
          'a.created_at',
        ])
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        actorId: r.actor_id === null ? null : Number(r.actor_id),
        actor: r.username,
        action: r.action,
        targetType: r.target_type as AuditEntry['targetType'],
        targetId: r.target_id,
        reason: r.reason,
        createdAt: r.created_at,
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
