// Links authors set: a verified author of the paper (an approved authorship claim) or a moderator sets its code
// repository, project page and further links. The author's code and project links replace the ones extracted from
// the abstract wherever the paper is shown (store/paper-links.repository.ts); clearing them brings those back.
// Every change is written to the audit log with the old and new values.
import { isModerator, requireWriter, type Viewer } from '../community/viewer.models.js';
import { codeUrlOf, projectUrlOf } from '../core/paper.js';
import type { Store } from '../store/store.js';
import { linksForbidden } from './paper-links.errors.js';
import type { AuthorLinks, ExtraLink } from './paper-links.models.js';
import type { PaperLinksChange } from './paper-links.schemas.js';
import { findPaper } from './papers.usecases.js';

const NONE: AuthorLinks = { codeUrl: null, projectUrl: null, extra: [] };

/** Whether the viewer may change this paper's links: a moderator, or one of its verified authors. */
async function canEditLinks(store: Store, viewer: Viewer | null, paperId: number): Promise<boolean> {
  if (!viewer || viewer.suspended) return false;
  if (isModerator(viewer)) return true;
  return (await store.claims.findForUserAndPaper(viewer.id, paperId))?.status === 'approved';
}

function describeChange(before: AuthorLinks, after: AuthorLinks): string[] {
  const show = (v: string | null) => v ?? '(from the abstract)';
  const out: string[] = [];
  if (before.codeUrl !== after.codeUrl) out.push(`code: ${show(before.codeUrl)} → ${show(after.codeUrl)}`);
  if (before.projectUrl !== after.projectUrl)
    out.push(`project: ${show(before.projectUrl)} → ${show(after.projectUrl)}`);
  const key = (l: ExtraLink) => `${l.kind} ${l.url}`;
  const was = new Set(before.extra.map(key));
  const now = new Set(after.extra.map(key));
  for (const k of now) if (!was.has(k)) out.push(`+${k}`);
  for (const k of was) if (!now.has(k)) out.push(`-${k}`);
  return out;
}

export async function setPaperLinks(opts: {
  store: Store;
  viewer: Viewer | null;
  arxivId: string;
  change: PaperLinksChange;
  requireVerifiedEmail: boolean;
  now?: Date;
}) {
  const viewer = requireWriter(opts.viewer, opts);
  const paper = await findPaper(opts.store, opts.arxivId);
  if (!(await canEditLinks(opts.store, viewer, paper.id))) throw linksForbidden();
  const stored = await opts.store.paperLinks.get(paper.id);
  const before: AuthorLinks = stored
    ? { codeUrl: stored.codeUrl, projectUrl: stored.projectUrl, extra: stored.extra }
    : NONE;
  const { change } = opts;
  const after: AuthorLinks = {
    codeUrl: change.githubRepo === undefined ? before.codeUrl : change.githubRepo,
    projectUrl: change.projectPage === undefined ? before.projectUrl : change.projectPage,
    extra: change.links ?? before.extra,
  };
  const changes = describeChange(before, after);
  // `paper.links` are the links found in the abstract and comments: the defaults, kept in the store as found.
  const shown = { codeUrl: after.codeUrl ?? codeUrlOf(paper), projectUrl: after.projectUrl ?? projectUrlOf(paper) };
  if (changes.length > 0) {
    await opts.store.paperLinks.set({
      paperId: paper.id,
      links: after,
      shown,
      audit: {
        actorId: viewer.id,
        action: 'paper.links',
        reason: `${paper.arxivId}: ${changes.join('; ')}`.slice(0, 2000),
      },
      now: (opts.now ?? new Date()).toISOString(),
    });
  }
  return {
    paper: { ...paper, codeUrl: shown.codeUrl, projectUrl: shown.projectUrl },
    links: after,
    changed: changes.length > 0,
  };
}

/** What the paper page's links panel needs: the authors' links (null when none) and whether the form is shown. */
export async function paperLinksPanel(opts: { store: Store; viewer: Viewer | null; paperId: number }) {
  const [links, canEdit] = await Promise.all([
    opts.store.paperLinks.get(opts.paperId),
    canEditLinks(opts.store, opts.viewer, opts.paperId),
  ]);
  return { links, canEdit };
}
