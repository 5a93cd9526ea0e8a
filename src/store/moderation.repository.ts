import type { Role } from '../community/accounts.models.js';
import type { ClaimStatus } from '../community/claims.models.js';
import { insertAudit } from './audit.repository.js';
import type { Connection } from './database.js';
import { flag } from './sql-helpers.js';

// Every moderation action and its audit entry commit together: the log can never miss an action that happened,
// nor record one that rolled back.

interface Action {
  actorId: number | null;
  reason: string | null;
  now: string;
}

export function createModerationRepository(conn: Connection) {
  const { db } = conn;
  const audit = (
    trx: Parameters<typeof insertAudit>[0],
    a: Action,
    action: string,
    targetType: 'listing' | 'comment' | 'user' | 'claim',
    targetId: number,
  ) =>
    insertAudit(trx, {
      actorId: a.actorId,
      action,
      targetType,
      targetId: String(targetId),
      reason: a.reason,
      createdAt: a.now,
    });

  return {
    async setListingHidden(a: Action & { listingId: number; hidden: boolean }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('listings')
          .set({ hidden: flag(conn, a.hidden), hidden_reason: a.hidden ? a.reason : null })
          .where('id', '=', a.listingId)
          .execute();
        await audit(trx, a, a.hidden ? 'listing.hide' : 'listing.unhide', 'listing', a.listingId);
      });
    },

    async setCommentHidden(a: Action & { commentId: number; hidden: boolean }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('comments')
          .set({ hidden: flag(conn, a.hidden), hidden_reason: a.hidden ? a.reason : null })
          .where('id', '=', a.commentId)
          .execute();
        await audit(trx, a, a.hidden ? 'comment.hide' : 'comment.unhide', 'comment', a.commentId);
      });
    },

    /** Suspending also ends every session of the user, in the same transaction. */
    async setUserSuspended(a: Action & { userId: number; suspended: boolean }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ suspended_at: a.suspended ? a.now : null, suspension_reason: a.suspended ? a.reason : null })
          .where('id', '=', a.userId)
          .execute();
        if (a.suspended) await trx.deleteFrom('sessions').where('user_id', '=', a.userId).execute();
        await audit(trx, a, a.suspended ? 'user.suspend' : 'user.unsuspend', 'user', a.userId);
      });
    },

    async setUserRole(a: Action & { userId: number; role: Role }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ role: a.role }).where('id', '=', a.userId).execute();
        await audit(trx, { ...a, reason: a.reason ?? `role: ${a.role}` }, 'user.role', 'user', a.userId);
      });
    },

    /** Decides a pending claim; false (and nothing written) when it was already decided. */
    async decideClaim(a: Action & { claimId: number; status: Exclude<ClaimStatus, 'pending'> }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('authorship_claims')
          .set({ status: a.status, decided_at: a.now, decided_by: a.actorId })
          .where('id', '=', a.claimId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await audit(trx, a, a.status === 'approved' ? 'claim.approve' : 'claim.reject', 'claim', a.claimId);
        return true;
      });
    },
  };
}

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
