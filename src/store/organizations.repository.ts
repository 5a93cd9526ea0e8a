// Organizations, their members and the papers attributed to them (migration 0017). Creating an organization
// makes its creator an admin in the same transaction, and removing an attribution writes its audit entry in the
// transaction that removes it, like every moderation action (moderation.repository.ts).
import { sql } from 'kysely';
import type { AuditEntry } from '../community/moderation.models.js';
import type {
  Organization,
  OrgBadge,
  OrgMember,
  OrgRole,
  PaperAttribution,
} from '../organizations/organizations.models.js';
import type { AuthorPaper } from '../papers/authors.models.js';
import { insertAudit } from './audit.repository.js';
import { type AuthorPaperRow, toAuthorPaper } from './authors.repository.js';
import type { Connection } from './database.js';
import { LISTING_COLUMNS } from './listings.repository.js';

type OrgRow = { id: number; slug: string; name: string; description: string; created_at: string };
const toOrg = (r: OrgRow): Organization => ({
  id: Number(r.id),
  slug: r.slug,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
});
const ORG_COLUMNS = ['o.id', 'o.slug', 'o.name', 'o.description', 'o.created_at'] as const;

export function createOrganizationsRepository(conn: Connection) {
  const { db } = conn;
  const visible = conn.dialect === 'sqlite' ? sql<boolean>`l.hidden = 0` : sql<boolean>`l.hidden = false`;

  return {
    /** Throws a unique violation when the slug is taken. */
    async create(o: { slug: string; name: string; description: string; userId: number; now: string }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('organizations')
          .values({
            slug: o.slug,
            name: o.name,
            description: o.description,
            created_by: o.userId,
            created_at: o.now,
            updated_at: o.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(row.id);
        await trx
          .insertInto('organization_members')
          .values({ organization_id: id, user_id: o.userId, role: 'admin', added_at: o.now })
          .execute();
        return id;
      });
    },

    /** By id: what a follow of an organization stores (follows keep ids, which survive nothing but the org). */
    async findById(id: number): Promise<Organization | null> {
      const row = await db
        .selectFrom('organizations as o')
        .select(ORG_COLUMNS)
        .where('o.id', '=', id)
        .executeTakeFirst();
      return row ? toOrg(row) : null;
    },

    async findBySlug(slug: string): Promise<Organization | null> {
      const row = await db
        .selectFrom('organizations as o')
        .select(ORG_COLUMNS)
        .where('o.slug', '=', slug)
        .executeTakeFirst();
      return row ? toOrg(row) : null;
    },

    async setDescription(orgId: number, description: string, now: string): Promise<void> {
      await db.updateTable('organizations').set({ description, updated_at: now }).where('id', '=', orgId).execute();
    },

    /** Admins first, then by username. */
    async members(orgId: number): Promise<OrgMember[]> {
      const rows = await db
        .selectFrom('organization_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.user_id', 'u.username', 'm.role', 'm.added_at'])
        .where('m.organization_id', '=', orgId)
        .orderBy(sql`case when m.role = 'admin' then 0 else 1 end`)
        .orderBy('u.username')
        .execute();
      return rows.map((r) => ({
        userId: Number(r.user_id),
        username: r.username,
        role: r.role as OrgRole,
        addedAt: r.added_at,
      }));
    },

    async roleOf(orgId: number, userId: number): Promise<OrgRole | null> {
      const row = await db
        .selectFrom('organization_members')
        .select('role')
        .where('organization_id', '=', orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return (row?.role as OrgRole | undefined) ?? null;
    },

    /** Adds a member, or changes the role of one already there. */
    async putMember(m: { orgId: number; userId: number; role: OrgRole; now: string }): Promise<void> {
      await db
        .insertInto('organization_members')
        .values({ organization_id: m.orgId, user_id: m.userId, role: m.role, added_at: m.now })
        .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ role: m.role }))
        .execute();
    },

    /**
     * Removes a member unless that would leave the organization without an admin; false (nothing written) then.
     * One statement, so two admins removing each other at once cannot both succeed.
     */
    async removeMember(orgId: number, userId: number): Promise<boolean> {
      const result = await db
        .deleteFrom('organization_members')
        .where('organization_id', '=', orgId)
        .where('user_id', '=', userId)
        .where((eb) =>
          eb.or([
            eb('role', '<>', 'admin'),
            eb(
              eb
                .selectFrom('organization_members as other')
                .select(sql<number>`count(*)`.as('n'))
                .where('other.organization_id', '=', orgId)
                .where('other.role', '=', 'admin')
                .where('other.user_id', '<>', userId),
              '>',
              0,
            ),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The organizations a user belongs to, by name. */
    async ofUser(userId: number): Promise<Organization[]> {
      const rows = await db
        .selectFrom('organization_members as m')
        .innerJoin('organizations as o', 'o.id', 'm.organization_id')
        .select(ORG_COLUMNS)
        .where('m.user_id', '=', userId)
        .orderBy('o.name')
        .execute();
      return rows.map(toOrg);
    },

    /** Attributes a paper to an organization, replacing an earlier attribution (one organization per paper). */
    async attribute(a: { paperId: number; orgId: number; userId: number; now: string }): Promise<void> {
      await db
        .insertInto('paper_organizations')
        .values({ paper_id: a.paperId, organization_id: a.orgId, attributed_by: a.userId, attributed_at: a.now })
        .onConflict((oc) =>
          oc
            .column('paper_id')
            .doUpdateSet({ organization_id: a.orgId, attributed_by: a.userId, attributed_at: a.now }),
        )
        .execute();
    },

    async attributionOf(paperId: number): Promise<PaperAttribution | null> {
      const row = await db
        .selectFrom('paper_organizations as po')
        .innerJoin('organizations as o', 'o.id', 'po.organization_id')
        .leftJoin('users as u', 'u.id', 'po.attributed_by')
        .select([...ORG_COLUMNS, 'u.username', 'po.attributed_at'])
        .where('po.paper_id', '=', paperId)
        .executeTakeFirst();
      return row ? { organization: toOrg(row), attributedBy: row.username, attributedAt: row.attributed_at } : null;
    },

    /** Removes an attribution with its audit entry; false (and nothing written) when there was none. */
    async removeAttribution(r: { paperId: number; audit: Omit<AuditEntry, 'targetType' | 'targetId'>; now: string }) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('paper_organizations').where('paper_id', '=', r.paperId).executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await insertAudit(trx, { ...r.audit, targetType: 'paper', targetId: String(r.paperId), createdAt: r.now });
        return true;
      });
    },

    /** The organization of each of these papers that has one: one query per page of cards. */
    async badgesFor(paperIds: number[]): Promise<Map<number, OrgBadge>> {
      if (paperIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('paper_organizations as po')
        .innerJoin('organizations as o', 'o.id', 'po.organization_id')
        .select(['po.paper_id', 'o.slug', 'o.name'])
        .where('po.paper_id', 'in', paperIds)
        .execute();
      return new Map(rows.map((r) => [Number(r.paper_id), { slug: r.slug, name: r.name }]));
    },

    /** One page of the organization's papers, newest arXiv date first, with their visible listings. */
    async papers(q: {
      orgId: number;
      limit: number;
      offset: number;
    }): Promise<{ items: AuthorPaper[]; total: number }> {
      const [rows, total] = await Promise.all([
        db
          .selectFrom('paper_organizations as po')
          .innerJoin('papers as p', 'p.id', 'po.paper_id')
          .leftJoin('listings as l', (j) => j.onRef('l.paper_id', '=', 'p.id').on(visible))
          .leftJoin('users as u', 'u.id', 'l.submitted_by')
          .selectAll('p')
          .select([...LISTING_COLUMNS])
          .where('po.organization_id', '=', q.orgId)
          .orderBy('p.published_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(q.limit)
          .offset(q.offset)
          .execute(),
        db
          .selectFrom('paper_organizations')
          .select(sql<number>`count(*)`.as('n'))
          .where('organization_id', '=', q.orgId)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => toAuthorPaper(r as unknown as AuthorPaperRow)), total: Number(total.n) };
    },
  };
}

export type OrganizationsRepository = ReturnType<typeof createOrganizationsRepository>;
