import { sql } from 'kysely';
import type { Connection } from './database.js';

export interface RateLimitWindow {
  /** Hits in the current window, this one included. */
  hits: number;
  /** When the current window started (ms since the epoch). */
  windowStart: number;
}

export function createRateLimitsRepository(conn: Connection) {
  const { db } = conn;
  return {
    /**
     * Counts a hit on `key` in one atomic upsert: the first hit, or the first after the window ended, starts a new
     * window at `now`. Concurrent hits from several processes are each counted once.
     */
    async hit({ key, windowMs, now }: { key: string; windowMs: number; now: number }): Promise<RateLimitWindow> {
      const expired = sql<boolean>`rate_limit_hits.window_start + ${windowMs} <= ${now}`;
      const row = await db
        .insertInto('rate_limit_hits')
        .values({ key, window_start: now, hits: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql`CASE WHEN ${expired} THEN 1 ELSE rate_limit_hits.hits + 1 END`,
            window_start: sql`CASE WHEN ${expired} THEN ${now} ELSE rate_limit_hits.window_start END`,
          }),
        )
        .returning(['hits', 'window_start'])
        .executeTakeFirstOrThrow();
      return { hits: Number(row.hits), windowStart: Number(row.window_start) };
    },

    /** The current window of `key` without counting a hit; null when there is none or it has ended. */
    async peek({
      key,
      windowMs,
      now,
    }: {
      key: string;
      windowMs: number;
      now: number;
    }): Promise<RateLimitWindow | null> {
      const row = await db
        .selectFrom('rate_limit_hits')
        .select(['hits', 'window_start'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row || Number(row.window_start) + windowMs <= now) return null;
      return { hits: Number(row.hits), windowStart: Number(row.window_start) };
    },

    /** Forgets windows that started before `before` (ms since the epoch); returns how many. */
    async prune(before: number): Promise<number> {
      const r = await db.deleteFrom('rate_limit_hits').where('window_start', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type RateLimitsRepository = ReturnType<typeof createRateLimitsRepository>;
