// Follows (src/follows/): what each reader follows, the papers that makes new for them, who follows an author (for
// the notification job), and the generation that signs the reader's private /following feed.
//
// The /following query reads, per kind, only what the follows point at — an author's rows of paper_authors, a
// collection's items, and for categories the window's papers newest first through papers_published_at, stopped
// once a page's worth match — never the whole papers table; saved-search matches come from the search index and
// join as a VALUES list. bench/following.ts measures it (docs/community.md#following).
import { type RawBuilder, sql } from 'kysely';
import type { FollowedPaperRef, FollowKind, FollowTarget } from '../follows/follows.models.js';
import type { Connection } from './database.js';

interface FollowRow {
  user_id: number;
  target_kind: string;
  target_key: string;
  created_at: string;
}

const toFollow = (r: FollowRow) => ({
  userId: Number(r.user_id),
  kind: r.target_kind as FollowKind,
  key: r.target_key,
  createdAt: r.created_at,
});

/** A saved search's match, found by the search index, as the /following query takes it. */
export interface SavedSearchHit {
  paperId: number;
  savedSearchId: number;
}

export function createFollowsRepository(conn: Connection) {
  const { db } = conn;
  const pg = conn.dialect === 'postgres';
  const isTrue = pg ? sql`true` : sql`1`;
  const isFalse = pg ? sql`false` : sql`0`;
  // arXiv writes "cs.LG"; a follow typed "cs.lg" means the same category (SQLite's LIKE already folds ASCII case).
  const like = pg ? sql`ILIKE` : sql`LIKE`;

  interface Window {
    userId: number;
    since: string;
    /** A digest of a past period must not show what came after it; /following has no upper bound. */
    until?: string;
    savedSearchHits: SavedSearchHit[];
  }
  const untilOf = (q: Window) => q.until ?? '9999-12-31T23:59:59.999Z';
  const categoryMatch = sql`(' ' || p.categories || ' ') ${like} ('% ' || f.target_key || ' %')`;

  /** The (paper, reason) rows of every kind but categories: each is bounded by what the follows point at. */
  function pointedHits(q: Window): RawBuilder<unknown>[] {
    const until = untilOf(q);
    const branches = [
      sql`SELECT a.paper_id AS paper_id, p.published_at AS at, 'author' AS kind, f.target_key AS target_key
          FROM follows f
          JOIN paper_authors a ON a.author_key = f.target_key
          JOIN papers p ON p.id = a.paper_id
          WHERE f.user_id = ${q.userId} AND f.target_kind = 'author' AND p.published_at >= ${q.since}
            AND p.published_at < ${until} AND p.withdrawn = ${isFalse}`,
      // Only other readers' public collections count: one made private stops feeding its followers at once. The
      // CASE keeps PostgreSQL from casting keys of other kinds (it may evaluate join conditions in any order).
      sql`SELECT ci.paper_id AS paper_id, ci.added_at AS at, 'collection' AS kind, f.target_key AS target_key
          FROM follows f
          JOIN collections c ON c.id = CASE WHEN f.target_kind = 'collection' THEN CAST(f.target_key AS BIGINT) END
          JOIN collection_items ci ON ci.collection_id = c.id
          JOIN papers p ON p.id = ci.paper_id
          WHERE f.user_id = ${q.userId} AND f.target_kind = 'collection' AND c.is_public = ${isTrue}
            AND c.user_id <> f.user_id AND ci.added_at >= ${q.since} AND ci.added_at < ${until}
            AND p.withdrawn = ${isFalse}`,
      // An organization's papers, from when they were attributed to it (as a collection's from when added: a lab
      // claiming an older paper is news to its followers). The CASE as above.
      sql`SELECT po.paper_id AS paper_id, po.attributed_at AS at, 'organization' AS kind, f.target_key AS target_key
          FROM follows f
          JOIN paper_organizations po
            ON po.organization_id = CASE WHEN f.target_kind = 'organization' THEN CAST(f.target_key AS BIGINT) END
          JOIN papers p ON p.id = po.paper_id
          WHERE f.user_id = ${q.userId} AND f.target_kind = 'organization' AND po.attributed_at >= ${q.since}
            AND po.attributed_at < ${until} AND p.withdrawn = ${isFalse}`,
    ];
    if (q.savedSearchHits.length > 0) {
      const values = sql.join(
        q.savedSearchHits.map((h) => sql`(CAST(${h.paperId} AS BIGINT), CAST(${String(h.savedSearchId)} AS TEXT))`),
      );
      branches.push(
        sql`SELECT p.id AS paper_id, p.published_at AS at, 'saved_search' AS kind, v.column2 AS target_key
            FROM (VALUES ${values}) AS v
            JOIN papers p ON p.id = v.column1
            WHERE p.published_at >= ${q.since} AND p.published_at < ${until} AND p.withdrawn = ${isFalse}`,
      );
    }
    return branches;
  }

  /** Every (paper, reason) row; the final join reads it only for the page's papers. */
  function allHits(q: Window): RawBuilder<unknown> {
    const categories = sql`SELECT p.id AS paper_id, p.published_at AS at, 'category' AS kind, f.target_key AS target_key
        FROM papers p JOIN follows f ON f.user_id = ${q.userId} AND f.target_kind = 'category' AND ${categoryMatch}
        WHERE p.published_at >= ${q.since} AND p.published_at < ${untilOf(q)} AND p.withdrawn = ${isFalse}`;
    return sql.join([...pointedHits(q), categories], sql` UNION ALL `);
  }

  /**
   * Papers that can be on the first `k` places: all of the pointed kinds' rows, and the newest `k` papers of the
   * followed categories — read newest first through papers_published_at and stopped after `k` matches, so a
   * popular category costs `k` rows, not the whole window. Any paper of the top `k` is among these (the `k` newer
   * category papers that would push it out would rank before it anyway).
   */
  function candidates(q: Window, k: number): RawBuilder<unknown> {
    const categories = sql`SELECT * FROM (
        SELECT p.id AS paper_id, p.published_at AS at FROM papers p
        WHERE p.published_at >= ${q.since} AND p.published_at < ${untilOf(q)} AND p.withdrawn = ${isFalse}
          AND EXISTS (SELECT 1 FROM follows f WHERE f.user_id = ${q.userId} AND f.target_kind = 'category'
                      AND ${categoryMatch})
        ORDER BY p.published_at DESC, p.id DESC LIMIT ${k}) AS newest_in_categories`;
    const pointed = pointedHits(q).map((b) => sql`SELECT paper_id, at FROM (${b}) AS pointed`);
    return sql.join([...pointed, categories], sql` UNION ALL `);
  }

  return {
    /** True when the follow is new; following twice changes nothing. */
    async add(f: { userId: number; target: FollowTarget; now: string }): Promise<boolean> {
      const r = await db
        .insertInto('follows')
        .values({ user_id: f.userId, target_kind: f.target.kind, target_key: f.target.key, created_at: f.now })
        .onConflict((oc) => oc.columns(['user_id', 'target_kind', 'target_key']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return r !== undefined;
    },

    /** True when there was such a follow. */
    async remove(f: { userId: number; target: FollowTarget }): Promise<boolean> {
      const r = await db
        .deleteFrom('follows')
        .where('user_id', '=', f.userId)
        .where('target_kind', '=', f.target.kind)
        .where('target_key', '=', f.target.key)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** A reader's follows, newest first (ties by kind and key, so the order is stable). */
    async listByUser(userId: number) {
      const rows = await db
        .selectFrom('follows')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('target_kind')
        .orderBy('target_key')
        .execute();
      return rows.map((r) => toFollow(r as FollowRow));
    },

    async countByUser(userId: number): Promise<number> {
      const r = await db
        .selectFrom('follows')
        .select(sql<number>`count(*)`.as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Which of these targets the reader follows, as "kind key" strings (the follow buttons of a page). */
    async followedAmong(userId: number, targets: FollowTarget[]): Promise<Set<string>> {
      if (targets.length === 0) return new Set();
      const rows = await db
        .selectFrom('follows')
        .select(['target_kind', 'target_key'])
        .where('user_id', '=', userId)
        .where((eb) =>
          eb.or(targets.map((t) => eb.and([eb('target_kind', '=', t.kind), eb('target_key', '=', t.key)]))),
        )
        .execute();
      return new Set(rows.map((r) => `${r.target_kind} ${r.target_key}`));
    },

    /** Which of these readers follow anything (the digest builder skips the others without a query each). */
    async usersWithFollows(userIds: number[]): Promise<Set<number>> {
      const out = new Set<number>();
      for (let i = 0; i < userIds.length; i += 500) {
        const rows = await db
          .selectFrom('follows')
          .select('user_id')
          .distinct()
          .where('user_id', 'in', userIds.slice(i, i + 500))
          .execute();
        for (const r of rows) out.add(Number(r.user_id));
      }
      return out;
    },

    /** Who follows each of these targets of one kind (index follows_target), keyed by target key. */
    async followersOf(kind: FollowKind, keys: string[]): Promise<Map<string, number[]>> {
      const out = new Map<string, number[]>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom('follows')
          .select(['target_key', 'user_id'])
          .where('target_kind', '=', kind)
          .where('target_key', 'in', keys.slice(i, i + 500))
          .orderBy('target_key')
          .orderBy('user_id')
          .execute();
        for (const r of rows) out.set(r.target_key, [...(out.get(r.target_key) ?? []), Number(r.user_id)]);
      }
      return out;
    },

    /**
     * One page of the papers the reader's follows make new since `since`, newest first (by `at`, then paper id),
     * each with every follow that put it there. `limit + 1` rows tell the caller whether a next page exists.
     */
    async papers(q: {
      userId: number;
      since: string;
      /** Exclusive upper bound of `at` (the digest's period end); none for /following. */
      until?: string;
      savedSearchHits: SavedSearchHit[];
      limit: number;
      offset: number;
    }): Promise<FollowedPaperRef[]> {
      const { rows } = await sql<{ paper_id: number; at: string; kind: string; target_key: string }>`
        WITH page AS (
          SELECT paper_id, MAX(at) AS at FROM (${candidates(q, q.offset + q.limit)}) AS candidates
          GROUP BY paper_id ORDER BY MAX(at) DESC, paper_id DESC LIMIT ${q.limit} OFFSET ${q.offset}
        ),
        hits AS (${allHits(q)})
        SELECT page.paper_id AS paper_id, page.at AS at, hits.kind AS kind, hits.target_key AS target_key
        FROM page JOIN hits ON hits.paper_id = page.paper_id
        ORDER BY page.at DESC, page.paper_id DESC, hits.kind, hits.target_key`.execute(db);
      const out: FollowedPaperRef[] = [];
      for (const r of rows) {
        const paperId = Number(r.paper_id);
        const last = out[out.length - 1];
        const reason = { kind: r.kind as FollowKind, key: r.target_key };
        if (last?.paperId === paperId) {
          if (!last.reasons.some((x) => x.kind === reason.kind && x.key === reason.key)) last.reasons.push(reason);
        } else out.push({ paperId, at: r.at, reasons: [reason] });
      }
      return out;
    },

    /** The generation the reader's feed token is signed over; null when they have no feed. */
    async feedGeneration(userId: number): Promise<string | null> {
      const r = await db
        .selectFrom('follow_feed_keys')
        .select('generation')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return r?.generation ?? null;
    },

    /** Sets a new generation (creating the feed, or killing every older URL of it). */
    async rotateFeedGeneration(f: { userId: number; generation: string; now: string }): Promise<void> {
      await db
        .insertInto('follow_feed_keys')
        .values({ user_id: f.userId, generation: f.generation, created_at: f.now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ generation: f.generation, created_at: f.now }))
        .execute();
    },

    async revokeFeed(userId: number): Promise<boolean> {
      const r = await db.deleteFrom('follow_feed_keys').where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },
  };
}

export type FollowsRepository = ReturnType<typeof createFollowsRepository>;
