import type { Connection } from './database.js';

/** Named JSON checkpoints of long operations (import, harvest), so a killed run resumes where it stopped. */
export function createCheckpointsRepository(conn: Connection) {
  const { db } = conn;
  return {
    async get<T>(name: string): Promise<T | null> {
      const row = await db.selectFrom('checkpoints').select('value_json').where('name', '=', name).executeTakeFirst();
      return row ? (JSON.parse(row.value_json) as T) : null;
    },
    async set(name: string, value: unknown): Promise<void> {
      const row = { name, value_json: JSON.stringify(value), updated_at: new Date().toISOString() };
      await db
        .insertInto('checkpoints')
        .values(row)
        .onConflict((oc) => oc.column('name').doUpdateSet({ value_json: row.value_json, updated_at: row.updated_at }))
        .execute();
    },
    async delete(name: string): Promise<void> {
      await db.deleteFrom('checkpoints').where('name', '=', name).execute();
    },
  };
}

export type CheckpointsRepository = ReturnType<typeof createCheckpointsRepository>;
