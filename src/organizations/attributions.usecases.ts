// Which organization a paper came from. A member of an organization may attribute a paper to it when they
// submitted the paper's listing or a moderator verified them as one of its authors; moderators may remove an
// attribution (with a reason, in the audit log). One organization per paper, as on Hugging Face.
import { parseInput } from '../community/community.schemas.js';
import { isModerator, requireModerator, requireWriter, type Viewer } from '../community/viewer.models.js';
import { findPaper } from '../papers/papers.usecases.js';
import type { Store } from '../store/store.js';
import { attributionForbidden, attributionNotFound, orgInvalidInput } from './organizations.errors.js';
import { attributionSchema } from './organizations.schemas.js';
import { findOrganization } from './organizations.usecases.js';

/** Whether the viewer submitted the paper or is one of its verified authors. */
async function isSubmitterOrAuthor(store: Store, viewer: Viewer, paperId: number): Promise<boolean> {
  const [listing, claim] = await Promise.all([
    store.listings.findByPaperId(paperId),
    store.claims.findForUserAndPaper(viewer.id, paperId),
  ]);
  return listing?.submittedBy === viewer.username || claim?.status === 'approved';
}

export async function attributePaper(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  input: unknown;
  requireVerifiedEmail: boolean;
  now?: Date;
}) {
  const viewer = requireWriter(opts.viewer, opts);
  const { organization: slug } = parseInput(attributionSchema, opts.input, orgInvalidInput.code);
  const paper = await findPaper(opts.store, opts.arxivId);
  const organization = await findOrganization(opts.store, slug);
  const [role, entitled] = await Promise.all([
    opts.store.organizations.roleOf(organization.id, viewer.id),
    isSubmitterOrAuthor(opts.store, viewer, paper.id),
  ]);
  if (role === null || !entitled) throw attributionForbidden();
  await opts.store.organizations.attribute({
    paperId: paper.id,
    orgId: organization.id,
    userId: viewer.id,
    now: (opts.now ?? new Date()).toISOString(),
  });
  return { paper, organization };
}

export async function removeAttribution(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  reason: string | null;
  now?: Date;
}) {
  const moderator = requireModerator(opts.viewer);
  const paper = await findPaper(opts.store, opts.arxivId);
  const current = await opts.store.organizations.attributionOf(paper.id);
  if (!current) throw attributionNotFound();
  const removed = await opts.store.organizations.removeAttribution({
    paperId: paper.id,
    audit: {
      actorId: moderator.id,
      action: 'paper.unattribute',
      reason: `${current.organization.slug} on ${paper.arxivId}${opts.reason ? `: ${opts.reason}` : ''}`,
    },
    now: (opts.now ?? new Date()).toISOString(),
  });
  if (!removed) throw attributionNotFound();
  return { paper, organization: current.organization };
}

/** What the paper page shows about the paper's organization, and which controls the viewer gets. */
export async function paperOrganizationPanel(opts: { store: Store; viewer: Viewer | null; paperId: number }) {
  const { store, viewer } = opts;
  const attribution = await store.organizations.attributionOf(opts.paperId);
  let choices: Array<{ slug: string; name: string }> = [];
  if (viewer && !viewer.suspended && (await isSubmitterOrAuthor(store, viewer, opts.paperId))) {
    choices = (await store.organizations.ofUser(viewer.id)).map((o) => ({ slug: o.slug, name: o.name }));
  }
  return { attribution, choices, canRemove: attribution !== null && isModerator(viewer) && !viewer!.suspended };
}
