// What readers do on a paper, as form posts under the paper's path: upvote, comment, claim authorship, and (for
// moderators) hide or show its listing. One route per action; old-style ids ("hep-th/9901001") span two path
// segments, so each action is registered for both shapes. Browsers get a redirect with a flash message, clients
// asking for JSON (app.js) get JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { claimInvalidAuthorCode } from '../../community/claims.errors.js';
import { claimSchema } from '../../community/claims.schemas.js';
import { claimAuthorship } from '../../community/claims.usecases.js';
import { commentEmpty } from '../../community/comments.errors.js';
import { commentFormSchema } from '../../community/comments.schemas.js';
import { postComment } from '../../community/comments.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { moderationInvalidReason } from '../../community/moderation.errors.js';
import { reasonSchema } from '../../community/moderation.schemas.js';
import { setListingHidden } from '../../community/moderation.usecases.js';
import { requireModerator, requireViewer, requireWriter } from '../../community/viewer.models.js';
import { castVote } from '../../community/votes.usecases.js';
import { invalidPaperId } from '../../papers/papers.errors.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { noSuchPage } from '../errors.js';
import { refusalToShow, renderRefusal } from '../form-refusal.js';
import { redirectWithFlash } from '../plugins/flash.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { backPath, wantsJson } from '../plugins/request-context.js';
import { field, membersOnly } from './community-http.js';
import { buildPaperPage } from './paper-page.vm.js';

interface PaperActionDeps {
  services: Services;
  limiters: Limiters;
}

type PaperParams = { id: string } | { archive: string; num: string };
type PaperActionHandler = (request: FastifyRequest, reply: FastifyReply, idText: string) => Promise<unknown>;

const PAPER_ACTIONS = ['upvote', 'comments', 'claims', 'hide', 'unhide'] as const;

/** The paper id of a path: "2401.01234" (one segment) or "hep-th/9901001" (two). */
function idTextOf(params: PaperParams): string {
  return 'id' in params ? params.id : `${params.archive}/${params.num}`;
}

/** Registers one action for both id shapes. */
function paperAction(app: FastifyInstance, action: (typeof PAPER_ACTIONS)[number], handler: PaperActionHandler) {
  for (const path of [`/papers/:id/${action}`, `/papers/:archive/:num/${action}`]) {
    app.post<{ Params: PaperParams }>(path, { config: membersOnly }, (request, reply) =>
      handler(request, reply, idTextOf(request.params)),
    );
  }
}

export function setupUpvoteRoute(app: FastifyInstance, { services, limiters }: PaperActionDeps) {
  paperAction(app, 'upvote', async (request, reply, idText) => {
    await limiters.vote(request, reply);
    const result = await castVote({
      store: services.store,
      viewer: request.viewer,
      arxivId: idText,
      up: field(request, 'state') !== 'off',
      requireVerifiedEmail: services.config.community.requireVerifiedEmail,
    });
    if (wantsJson(request)) return { upvotes: result.upvotes, upvoted: result.upvoted };
    return reply.redirect(backPath(request, paperPath(idText)), 303);
  });
}

export function setupPostCommentRoute(app: FastifyInstance, { services, limiters }: PaperActionDeps) {
  const { requireVerifiedEmail, commentMaxChars } = services.config.community;
  const rules = { maxChars: commentMaxChars, requireVerifiedEmail };
  const commentForm = commentFormSchema(commentMaxChars);
  paperAction(app, 'comments', async (request, reply, idText) => {
    await limiters.comment(request, reply);
    const viewer = requireWriter(request.viewer, rules);
    const form = { body: field(request, 'body'), parentId: field(request, 'parentId') };
    try {
      const input = parseInput(commentForm, form, commentEmpty.code);
      const { id, paper } = await postComment({ store: services.store, viewer, arxivId: idText, ...input, rules });
      if (wantsJson(request)) return reply.status(201).send({ id });
      return redirectWithFlash(reply, `${paperPath(paper.arxivId)}#comment-${id}`, {
        kind: 'success',
        text: 'Your comment is posted.',
      });
    } catch (error) {
      const refusal = refusalToShow(error, { request });
      if (refusal.code !== 'comments.empty' && refusal.code !== 'comments.too_long') throw refusal;
      // Show the page again with the text kept, so a too-long comment can be shortened rather than retyped.
      const draft = { body: form.body, parentId: form.parentId ? Number(form.parentId) : null, error: refusal.message };
      return renderRefusal(reply, refusal, await buildPaperPage({ services, request, reply, idText, draft }));
    }
  });
}

export function setupClaimRoute(app: FastifyInstance, { services }: PaperActionDeps) {
  paperAction(app, 'claims', async (request, reply, idText) => {
    const viewer = requireWriter(request.viewer, services.config.community);
    const { authorName } = parseInput(
      claimSchema,
      { authorName: field(request, 'authorName') },
      claimInvalidAuthorCode,
    );
    const { paper } = await claimAuthorship({
      store: services.store,
      viewer,
      arxivId: idText,
      authorName,
      requireVerifiedEmail: services.config.community.requireVerifiedEmail,
    });
    return redirectWithFlash(reply, paperPath(paper.arxivId), {
      kind: 'success',
      text: 'Thanks — a moderator will review your authorship claim.',
    });
  });
}

export function setupListingVisibilityRoutes(app: FastifyInstance, { services }: PaperActionDeps) {
  for (const hidden of [true, false]) {
    paperAction(app, hidden ? 'hide' : 'unhide', async (request, reply, idText) => {
      requireModerator(request.viewer);
      const reason = parseInput(reasonSchema, field(request, 'reason'), moderationInvalidReason.code);
      const { paper } = await setListingHidden({
        store: services.store,
        viewer: request.viewer,
        arxivId: idText,
        hidden,
        reason,
      });
      return redirectWithFlash(reply, paperPath(paper.arxivId), {
        kind: 'success',
        text: hidden ? 'The listing is hidden.' : 'The listing is visible again.',
      });
    });
  }
}

/**
 * Any other post under /papers/: not a page. An action after a path that is no arXiv id ("/papers/a/b/c/upvote")
 * is refused as such, after "sign in first", as the action's own route would.
 */
export function setupUnknownPaperActionRoute(app: FastifyInstance) {
  app.post<{ Params: { '*': string } }>('/papers/*', { config: membersOnly }, async (request) => {
    const tail = request.params['*'];
    const cut = tail.lastIndexOf('/');
    const action = tail.slice(cut + 1);
    if (cut > 0 && (PAPER_ACTIONS as readonly string[]).includes(action)) {
      requireViewer(request.viewer);
      throw invalidPaperId(tail.slice(0, cut));
    }
    throw noSuchPage(request.url);
  });
}
