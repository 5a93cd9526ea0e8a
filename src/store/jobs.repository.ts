import { sql } from 'kysely';
import type { Connection } from './database.js';

export interface JobState {
  name: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastStatus: string | null;
  lastMessage: string | null;
  runs: number;
}

/**
 * Leases on background jobs. A job runs only while its holder owns an unexpired lease, taken with one conditional
 * UPDATE, so two app processes (or a CLI run next to a server) never run the same job at once; a holder that dies
 * loses nothing but the rest of its lease time.
 */
export function createJobsRepository(conn: Connection) {
  const { db } = conn;
  return {
    async tryAcquire(name: string, holder: string, leaseMs: number, now = new Date()): Promise<boolean> {
      await db
        .insertInto('job_state')
        .values({ name, runs: 0 })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const result = await db
        .updateTable('job_state')
        .set({
          locked_by: holder,
          locked_until: new Date(now.getTime() + leaseMs).toISOString(),
          last_started_at: now.toISOString(),
          runs: sql`runs + 1`,
        })
        .where('name', '=', name)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Extends a lease the holder still owns; false when it was lost (expired and taken by another). */
    async renew(name: string, holder: string, leaseMs: number, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('job_state')
        .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('name', '=', name)
        .where('locked_by', '=', holder)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async release(name: string, holder: string, outcome: { status: 'ok' | 'failed' | 'interrupted'; message: string }) {
      await db
        .updateTable('job_state')
        .set({
          locked_by: null,
          locked_until: null,
          last_finished_at: new Date().toISOString(),
          last_status: outcome.status,
          last_message: outcome.message.slice(0, 2000),
        })
        .where('name', '=', name)
        .where('locked_by', '=', holder)
        .execute();
    },

    async list(): Promise<JobState[]> {
      const rows = await db.selectFrom('job_state').selectAll().orderBy('name').execute();
      return rows.map((r) => ({
        name: r.name,
        lockedBy: r.locked_by,
        lockedUntil: r.locked_until,
        lastStartedAt: r.last_started_at,
        lastFinishedAt: r.last_finished_at,
        lastStatus: r.last_status,
        lastMessage: r.last_message,
        runs: Number(r.runs),
      }));
    },
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
