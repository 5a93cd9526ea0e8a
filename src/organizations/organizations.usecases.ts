// Organizations: anyone who may write can create one and becomes its admin (as on Hugging Face); admins add and
// remove members and edit the description. The page lists the organization's papers, newest first.
import { parseInput } from '../community/community.schemas.js';
import { noSuchUser } from '../community/moderation.errors.js';
import { requireViewer, requireWriter, type Viewer } from '../community/viewer.models.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { orgForbidden, orgInvalidInput, orgLastAdmin, orgNotFound, orgSlugTaken } from './organizations.errors.js';
import type { Organization } from './organizations.models.js';
import { createOrgSchema, orgDescriptionFormSchema, orgMemberSchema, orgSlugSchema } from './organizations.schemas.js';

interface Deps {
  store: Store;
  viewer: Viewer | null;
  now?: Date;
}

const iso = (now?: Date) => (now ?? new Date()).toISOString();

export async function createOrganization(
  opts: Deps & { input: unknown; requireVerifiedEmail: boolean },
): Promise<Organization> {
  const viewer = requireWriter(opts.viewer, opts);
  const input = parseInput(createOrgSchema, opts.input, orgInvalidInput.code);
  try {
    await opts.store.organizations.create({ ...input, userId: viewer.id, now: iso(opts.now) });
  } catch (error) {
    if (isUniqueViolation(error)) throw orgSlugTaken();
    throw error;
  }
  return (await opts.store.organizations.findBySlug(input.slug))!;
}

/** The organization at a slug; 404 for a slug that is malformed or unknown. */
export async function findOrganization(store: Store, slugText: string): Promise<Organization> {
  const parsed = orgSlugSchema.safeParse(slugText);
  const org = parsed.success ? await store.organizations.findBySlug(parsed.data) : null;
  if (!org) throw orgNotFound();
  return org;
}

/** Everything /orgs/{slug} shows: the organization, its members, one page of its papers, and the reader's role. */
export async function getOrganizationPage(opts: {
  store: Store;
  viewer: Viewer | null;
  slug: string;
  page: number;
  pageSize: number;
}) {
  const { store } = opts;
  const organization = await findOrganization(store, opts.slug);
  const [members, papers] = await Promise.all([
    store.organizations.members(organization.id),
    store.organizations.papers({
      orgId: organization.id,
      limit: opts.pageSize,
      offset: (opts.page - 1) * opts.pageSize,
    }),
  ]);
  const viewerRole = opts.viewer ? (members.find((m) => m.userId === opts.viewer!.id)?.role ?? null) : null;
  return {
    organization,
    members,
    items: papers.items,
    total: papers.total,
    page: opts.page,
    pageCount: Math.max(1, Math.ceil(papers.total / opts.pageSize)),
    viewerRole,
  };
}

async function asAdmin(opts: Deps & { slug: string }) {
  const viewer = requireViewer(opts.viewer);
  const organization = await findOrganization(opts.store, opts.slug);
  const role = await opts.store.organizations.roleOf(organization.id, viewer.id);
  if (role !== 'admin' || viewer.suspended) throw orgForbidden();
  return { viewer, organization };
}

export async function addOrganizationMember(opts: Deps & { slug: string; input: unknown }) {
  const { organization } = await asAdmin(opts);
  const { username, role } = parseInput(orgMemberSchema, opts.input, orgInvalidInput.code);
  const user = await opts.store.users.findByUsername(username);
  if (!user) throw noSuchUser(username);
  if (role === 'member' && (await opts.store.organizations.roleOf(organization.id, user.id)) === 'admin') {
    // Turning the last admin into a member would orphan the organization, as removing them would.
    const admins = (await opts.store.organizations.members(organization.id)).filter((m) => m.role === 'admin');
    if (admins.length === 1) throw orgLastAdmin();
  }
  await opts.store.organizations.putMember({ orgId: organization.id, userId: user.id, role, now: iso(opts.now) });
  return { organization, username: user.username, role };
}

export async function removeOrganizationMember(opts: Deps & { slug: string; username: string }) {
  const { organization } = await asAdmin(opts);
  const user = await opts.store.users.findByUsername(opts.username.trim());
  if (!user) throw noSuchUser(opts.username);
  const role = await opts.store.organizations.roleOf(organization.id, user.id);
  if (role === null) return { organization, removed: false };
  if (!(await opts.store.organizations.removeMember(organization.id, user.id))) throw orgLastAdmin();
  return { organization, removed: true };
}

export async function setOrganizationDescription(opts: Deps & { slug: string; input: unknown }) {
  const { organization } = await asAdmin(opts);
  const { description } = parseInput(orgDescriptionFormSchema, opts.input, orgInvalidInput.code);
  await opts.store.organizations.setDescription(organization.id, description, iso(opts.now));
  return { ...organization, description };
}

/** The organizations the viewer belongs to (the choices of the attribution form). */
export async function organizationsOf(store: Store, viewer: Viewer | null): Promise<Organization[]> {
  return viewer ? store.organizations.ofUser(viewer.id) : [];
}
