import type { Connection } from './database.js';

export interface User {
  id: number;
  username: string;
  email: string | null;
  role: string;
  createdAt: string;
}

export function createUsersRepository(conn: Connection) {
  const { db } = conn;
  return {
    async create(u: { username: string; email?: string | null; passwordHash?: string | null; role?: string }) {
      const row = await db
        .insertInto('users')
        .values({
          username: u.username,
          email: u.email ?? null,
          password_hash: u.passwordHash ?? null,
          role: u.role ?? 'user',
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async findByUsername(username: string): Promise<User | null> {
      const row = await db
        .selectFrom('users')
        .select(['id', 'username', 'email', 'role', 'created_at'])
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
      return row
        ? { id: row.id, username: row.username, email: row.email, role: row.role, createdAt: row.created_at }
        : null;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
