import type { LoginCandidate, Role, User } from '../community/accounts.models.js';
import type { Connection } from './database.js';
import { flag } from './sql-helpers.js';

const USER_COLUMNS = [
  'id',
  'username',
  'email',
  'pending_email',
  'role',
  'created_at',
  'email_verified_at',
  'suspended_at',
  'suspension_reason',
  'upvotes_public',
] as const;

interface UserRow {
  id: number;
  username: string;
  email: string | null;
  /** Optional: joins that read a user through another table may leave it out. */
  pending_email?: string | null;
  role: string;
  created_at: string;
  email_verified_at: string | null;
  suspended_at: string | null;
  suspension_reason: string | null;
  upvotes_public: boolean | number;
}

export function rowToUser(row: UserRow): User {
  return {
    id: Number(row.id),
    username: row.username,
    email: row.email,
    pendingEmail: row.pending_email ?? null,
    role: (['moderator', 'admin'].includes(row.role) ? row.role : 'user') as Role,
    createdAt: row.created_at,
    emailVerifiedAt: row.email_verified_at,
    suspendedAt: row.suspended_at,
    suspensionReason: row.suspension_reason,
    upvotesPublic: Boolean(row.upvotes_public),
  };
}

export function createUsersRepository(conn: Connection) {
  const { db } = conn;
  const select = () => db.selectFrom('users').select(USER_COLUMNS);
  return {
    async create(u: {
      username: string;
      email?: string | null;
      pendingEmail?: string | null;
      passwordHash?: string | null;
      /** A Role; other values (the demo loader's "demo") read back as 'user'. */
      role?: string;
      emailVerifiedAt?: string | null;
    }) {
      const row = await db
        .insertInto('users')
        .values({
          username: u.username,
          email: u.email ?? null,
          pending_email: u.pendingEmail ?? null,
          password_hash: u.passwordHash ?? null,
          role: u.role ?? 'user',
          created_at: new Date().toISOString(),
          email_verified_at: u.emailVerifiedAt ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async findById(id: number): Promise<User | null> {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row ? rowToUser(row) : null;
    },

    async findByUsername(username: string): Promise<User | null> {
      const row = await select()
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
      return row ? rowToUser(row) : null;
    },

    async findByEmail(email: string): Promise<User | null> {
      const row = await select()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row ? rowToUser(row) : null;
    },

    /** The account a sign-in form names, by username or e-mail, with its password hash. */
    async findForLogin(identifier: string): Promise<LoginCandidate | null> {
      const key = identifier.toLowerCase();
      const column = key.includes('@') ? 'email' : 'username';
      const row = await select()
        .select('password_hash')
        .where((eb) => eb(eb.fn('lower', [column]), '=', key))
        .executeTakeFirst();
      return row ? { user: rowToUser(row), passwordHash: row.password_hash } : null;
    },

    async passwordHashOf(id: number): Promise<string | null> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
      return row?.password_hash ?? null;
    },

    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },

    async markEmailVerified(id: number, at: string): Promise<void> {
      await db.updateTable('users').set({ email_verified_at: at }).where('id', '=', id).execute();
    },

    /**
     * The owner opened the confirmation link: the pending address becomes the one the account holds. Throws a
     * unique violation when another account confirmed the same address first.
     */
    async confirmPendingEmail(id: number, at: string): Promise<void> {
      await db
        .updateTable('users')
        .set((eb) => ({
          email: eb.fn.coalesce('pending_email', 'email'),
          pending_email: null,
          email_verified_at: at,
        }))
        .where('id', '=', id)
        .execute();
    },

    async setUpvotesPublic(id: number, value: boolean): Promise<void> {
      await db
        .updateTable('users')
        .set({ upvotes_public: flag(conn, value) })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
