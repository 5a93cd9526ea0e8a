import type { ActiveSession } from '../community/accounts.models.js';
import type { Connection } from './database.js';
import { rowToUser } from './users.repository.js';

/** Sign-in sessions. Only the sha256 of the cookie value is stored, so a leaked table signs nobody in. */
export function createSessionsRepository(conn: Connection) {
  const { db } = conn;
  return {
    async create(s: { idHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
        .execute();
    },

    /** The unexpired session with this hash and its user, or null. */
    async findActive(idHash: string, now: string): Promise<ActiveSession | null> {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.expires_at',
          'u.id',
          'u.username',
          'u.email',
          'u.role',
          'u.created_at',
          'u.email_verified_at',
          'u.suspended_at',
          'u.suspension_reason',
          'u.upvotes_public',
        ])
        .where('s.id_hash', '=', idHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
      return row ? { expiresAt: row.expires_at, user: rowToUser(row) } : null;
    },

    async extend(idHash: string, expiresAt: string): Promise<void> {
      await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    /** "Sign out everywhere", and what a password reset or a suspension does. Returns how many ended. */
    async deleteForUser(userId: number): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpired(now: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async countForUser(userId: number): Promise<number> {
      const rows = await db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();
      return rows.length;
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
