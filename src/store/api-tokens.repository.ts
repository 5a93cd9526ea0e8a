import type { ApiToken, ApiTokenScope, User } from '../community/accounts.models.js';
import type { Connection } from './database.js';
import { rowToUser } from './users.repository.js';

interface Row {
  id: number;
  user_id: number;
  name: string;
  hint: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = ['id', 'user_id', 'name', 'hint', 'scope', 'created_at', 'last_used_at', 'revoked_at'] as const;

const toToken = (r: Row): ApiToken => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  name: r.name,
  hint: r.hint,
  // Anything but an explicit write grant reads only: a damaged row never widens a token.
  scope: r.scope === 'write' ? 'write' : 'read',
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export function createApiTokensRepository(conn: Connection) {
  const { db } = conn;
  return {
    async create(t: {
      userId: number;
      name: string;
      tokenHash: string;
      hint: string;
      scope: ApiTokenScope;
      now: string;
    }) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          user_id: t.userId,
          name: t.name,
          token_hash: t.tokenHash,
          hint: t.hint,
          scope: t.scope,
          created_at: t.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** The token with this hash (revoked or not) and its owner, or null: the lookup of every bearer request. */
    async findByHash(tokenHash: string): Promise<{ token: ApiToken; user: User } | null> {
      const row = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(COLUMNS.map((c) => `t.${c}` as const))
        .select([
          'u.username',
          'u.email',
          'u.role',
          'u.created_at as user_created_at',
          'u.email_verified_at',
          'u.suspended_at',
          'u.suspension_reason',
          'u.upvotes_public',
        ])
        .where('t.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      return {
        token: toToken(row),
        user: rowToUser({ ...row, id: row.user_id, created_at: row.user_created_at }),
      };
    },

    /** The user's tokens, newest first; revoked ones only when asked. */
    async listByUser(userId: number, opts: { includeRevoked: boolean }): Promise<ApiToken[]> {
      let q = db.selectFrom('api_tokens').select(COLUMNS).where('user_id', '=', userId);
      if (!opts.includeRevoked) q = q.where('revoked_at', 'is', null);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toToken);
    },

    async countActive(userId: number): Promise<number> {
      const row = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Revokes one of the user's active tokens; false when it is not theirs or already revoked. */
    async revoke(id: number, userId: number, now: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async touch(id: number, now: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
