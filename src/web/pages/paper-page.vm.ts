// The paper page, built in one place for every path that renders it: GET /papers/… (pages.routes.ts) and the
// page shown again, with the reader's draft and its refusal, when a comment is refused (paper-actions.routes.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getPaperPage } from '../../community/paper-page.usecases.js';
import type { Viewer } from '../../community/viewer.models.js';
import { isModerator } from '../../community/viewer.models.js';
import type { Config } from '../../config/config.js';
import { getPaper } from '../../papers/papers.usecases.js';
import { html, type SafeHtml } from '../../render/html.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { commentsSection } from '../views/comment-thread.js';
import { paperExtras } from '../views/paper-extras.js';
import { paperPage } from '../views/paper-page.js';
import { similarPapersList } from '../views/similar-papers.js';
import { paperPageVM } from './daily.vm.js';

export interface CommentDraft {
  body: string;
  parentId: number | null;
  error: string;
}

export async function buildPaperPage(opts: {
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
  idText: string;
  draft?: CommentDraft;
}): Promise<SafeHtml> {
  const { services, request } = opts;
  const { config } = services;
  const viewer = request.viewer;
  const found = await getPaper(services.store, opts.idText);
  const [page, chrome] = await Promise.all([
    getPaperPage({ store: services.store, search: services.search, viewer, found }),
    pageChrome(request, opts.reply, services),
  ]);
  const { paper } = page;
  const comments = commentsSection({
    chrome,
    arxivId: paper.arxivId,
    thread: page.thread,
    blockedReason: commentBlock({ viewer, config, closed: page.moderation?.hidden ?? false, path: request.url }),
    maxChars: config.community.commentMaxChars,
    draft: opts.draft,
  });
  const extras = paperExtras({
    chrome,
    arxivId: paper.arxivId,
    authors: paper.authors,
    savedIn: [...(page.notes.savedIn?.get(paper.id) ?? [])],
    claim: page.claim,
    canClaim: viewer !== null && !viewer.suspended,
    moderation: isModerator(viewer) && page.moderation ? page.moderation : null,
  });
  return paperPage({
    ...paperPageVM(page, chrome, page.notes),
    comments,
    extras,
    verifiedAuthors: page.verifiedAuthors,
    similarPapers: similarPapersList(page.similar),
  });
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
