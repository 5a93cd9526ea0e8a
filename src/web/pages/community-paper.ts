// The community parts of a paper page — comments, save menu, authorship, moderation, the reader's vote — built
// once here for the paper route (pages.routes.ts) and for re-showing the page after a refused comment.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { getThread } from '../../community/comments.usecases.js';
import { isModerator, type Viewer } from '../../community/viewer.models.js';
import type { Config } from '../../config/config.js';
import type { PaperWithListing } from '../../papers/papers.usecases.js';
import { html, type SafeHtml } from '../../render/html.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { commentsSection } from '../views/comment-thread.js';
import { paperExtras } from '../views/paper-extras.js';

export interface CommentDraft {
  body: string;
  parentId: number | null;
  error: string;
}

export async function paperCommunity(opts: {
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
  result: PaperWithListing;
  draft?: CommentDraft;
}) {
  const { services, request, result } = opts;
  const { store, config } = services;
  const viewer = request.viewer;
  const paperId = result.paper.id;
  const [chrome, notes, thread, approved, listing, claim] = await Promise.all([
    pageChrome(request, opts.reply, services),
    annotateCards({ store, viewer, paperIds: [paperId] }),
    getThread({ store, viewer, paperId }),
    store.claims.approvedForPaper(paperId),
    store.submissions.findListingForModeration(paperId),
    viewer ? store.claims.findForUserAndPaper(viewer.id, paperId) : Promise.resolve(null),
  ]);
  const verifiedAuthors: Record<string, string[]> = {};
  for (const c of approved) verifiedAuthors[c.authorName] = [...(verifiedAuthors[c.authorName] ?? []), c.username];
  const comments = commentsSection({
    chrome,
    arxivId: result.paper.arxivId,
    thread,
    blockedReason: commentBlock({ viewer, config, closed: listing?.hidden ?? false, path: request.url }),
    maxChars: config.community.commentMaxChars,
    draft: opts.draft,
  });
  const extras = paperExtras({
    chrome,
    arxivId: result.paper.arxivId,
    authors: result.paper.authors,
    savedIn: [...(notes.savedIn?.get(paperId) ?? [])],
    claim,
    canClaim: viewer !== null && !viewer.suspended,
    moderation: isModerator(viewer) && listing ? listing : null,
  });
  return { chrome, notes, vm: { comments, extras, verifiedAuthors } };
}

function commentBlock(opts: { viewer: Viewer | null; config: Config; closed: boolean; path: string }): SafeHtml | null {
  if (opts.closed) return html`Comments are closed on this paper.`;
  if (!opts.viewer) return html`<a href="${`/login?next=${encodeURIComponent(opts.path)}`}">Sign in</a> to comment.`;
  if (opts.viewer.suspended) return html`Your account is suspended.`;
  if (opts.config.community.requireVerifiedEmail && !opts.viewer.emailVerified) {
    return html`Verify your e-mail address to comment (see <a href="/account">your account</a>).`;
  }
  return null;
}
