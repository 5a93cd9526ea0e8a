import { sql } from 'kysely';
import type { CollectionItem, StoredCollection } from '../community/collections.models.js';
import type { Connection } from './database.js';
import { type PaperRow, rowToPaper } from './papers.mapping.js';
import { flag } from './sql-helpers.js';

interface CollectionRow {
  id: number;
  user_id: number;
  owner: string;
  name: string;
  description: string;
  is_public: boolean | number;
  created_at: string;
  updated_at: string;
  item_count: number | string;
}

function toCollection(r: CollectionRow): StoredCollection {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    owner: r.owner,
    name: r.name,
    description: r.description,
    isPublic: Boolean(r.is_public),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    itemCount: Number(r.item_count),
  };
}

export function createCollectionsRepository(conn: Connection) {
  const { db } = conn;
  const select = () =>
    db
      .selectFrom('collections as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'c.id',
        'c.user_id',
        'u.username as owner',
        'c.name',
        'c.description',
        'c.is_public',
        'c.created_at',
        'c.updated_at',
        sql<number>`(SELECT count(*) FROM collection_items ci WHERE ci.collection_id = c.id)`.as('item_count'),
      ]);

  return {
    /** Throws a unique violation when the owner already has a collection with this name (any case). */
    async create(c: { userId: number; name: string; description: string; isPublic: boolean; now: string }) {
      const row = await db
        .insertInto('collections')
        .values({
          user_id: c.userId,
          name: c.name,
          description: c.description,
          is_public: flag(conn, c.isPublic),
          created_at: c.now,
          updated_at: c.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async update(id: number, c: { name: string; description: string; isPublic: boolean; now: string }): Promise<void> {
      await db
        .updateTable('collections')
        .set({ name: c.name, description: c.description, is_public: flag(conn, c.isPublic), updated_at: c.now })
        .where('id', '=', id)
        .execute();
    },

    /** Deletes the collection and its items (ON DELETE CASCADE) in one statement. */
    async delete(id: number): Promise<void> {
      await db.deleteFrom('collections').where('id', '=', id).execute();
    },

    async findById(id: number): Promise<StoredCollection | null> {
      const row = await select().where('c.id', '=', id).executeTakeFirst();
      return row ? toCollection(row) : null;
    },

    async listByUser(userId: number, opts: { includePrivate: boolean }): Promise<StoredCollection[]> {
      let q = select().where('c.user_id', '=', userId);
      if (!opts.includePrivate) q = q.where('c.is_public', '=', flag(conn, true));
      const rows = await q.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc').execute();
      return rows.map(toCollection);
    },

    /** Adds a paper; false when it was already there. */
    async addPaper(collectionId: number, paperId: number, now: string): Promise<boolean> {
      const result = await db
        .insertInto('collection_items')
        .values({ collection_id: collectionId, paper_id: paperId, added_at: now })
        .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doNothing())
        .executeTakeFirst();
      const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      if (added) await db.updateTable('collections').set({ updated_at: now }).where('id', '=', collectionId).execute();
      return added;
    },

    /** Removes a paper; false when it was not there. */
    async removePaper(collectionId: number, paperId: number): Promise<boolean> {
      const result = await db
        .deleteFrom('collection_items')
        .where('collection_id', '=', collectionId)
        .where('paper_id', '=', paperId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** A collection's papers, most recently added first, each with its visible listing if any. */
    async items(collectionId: number, limit = 500): Promise<CollectionItem[]> {
      const rows = await db
        .selectFrom('collection_items as ci')
        .innerJoin('papers as p', 'p.id', 'ci.paper_id')
        .leftJoin('listings as l', (j) =>
          j.onRef('l.paper_id', '=', 'ci.paper_id').on('l.hidden', '=', flag(conn, false)),
        )
        .leftJoin('users as u', 'u.id', 'l.submitted_by')
        .selectAll('p')
        .select([
          'ci.added_at',
          'l.id as listing_id',
          'l.listed_on',
          'l.upvotes',
          'l.created_at as listing_created_at',
          'u.username as submitter',
        ])
        .where('ci.collection_id', '=', collectionId)
        .orderBy('ci.added_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        paper: rowToPaper(r as unknown as PaperRow),
        addedAt: r.added_at,
        listing:
          r.listing_id === null
            ? null
            : {
                id: Number(r.listing_id),
                listedOn: r.listed_on!,
                upvotes: r.upvotes!,
                submittedBy: r.submitter,
                createdAt: r.listing_created_at!,
              },
      }));
    },

    /** For each of these papers, which of the user's collections hold it (the save menus on cards). */
    async containing(userId: number, paperIds: number[]): Promise<Map<number, Set<number>>> {
      const result = new Map<number, Set<number>>();
      if (paperIds.length === 0) return result;
      const rows = await db
        .selectFrom('collection_items as ci')
        .innerJoin('collections as c', 'c.id', 'ci.collection_id')
        .select(['ci.paper_id', 'ci.collection_id'])
        .where('c.user_id', '=', userId)
        .where('ci.paper_id', 'in', paperIds)
        .execute();
      for (const r of rows) {
        const set = result.get(Number(r.paper_id)) ?? new Set<number>();
        set.add(Number(r.collection_id));
        result.set(Number(r.paper_id), set);
      }
      return result;
    },
  };
}

export type CollectionsRepository = ReturnType<typeof createCollectionsRepository>;
