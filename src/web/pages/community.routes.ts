// Paper submission, votes, comments, authorship claims and listing moderation as HTML form posts. Each answers a
// browser with a redirect (and a flash message) and a JSON-accepting client (app.js) with JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { claimAuthorship } from '../../community/claims.usecases.js';
import { deleteComment, editComment, postComment } from '../../community/comments.usecases.js';
import { DuplicateSubmissionError, RetryLaterError } from '../../community/community.errors.js';
import { setCommentHidden, setListingHidden } from '../../community/moderation.usecases.js';
import { submitPaper } from '../../community/submissions.usecases.js';
import { requireViewer } from '../../community/viewer.models.js';
import { castVote } from '../../community/votes.usecases.js';
import { AppError, InvalidInputError, NotFoundError } from '../../core/errors.js';
import { demoPapersAwaiting } from '../../demo/demo-clock.js';
import { getPaper } from '../../papers/papers.usecases.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { setRetryAfter } from '../errors.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { backPath, wantsJson } from '../plugins/request-context.js';
import { paperPage } from '../views/paper-page.js';
import { submitPage } from '../views/submit-page.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { paperCommunity } from './community-paper.js';
import { paperPageVM } from './daily.vm.js';

const PAPER_ACTIONS = new Set(['upvote', 'comments', 'claims', 'hide', 'unhide']);

/** "hep-th/9901001/upvote" → the paper id text and the action. */
export function splitPaperAction(tail: string): { idText: string; action: string } | null {
  const cut = tail.lastIndexOf('/');
  const action = tail.slice(cut + 1);
  return cut > 0 && PAPER_ACTIONS.has(action) ? { idText: tail.slice(0, cut), action } : null;
}

export async function communityRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const { store, config } = services;
  const { requireVerifiedEmail, commentMaxChars } = config.community;
  const rules = { maxChars: commentMaxChars, requireVerifiedEmail };
  handleCommunityErrors(app);

  const showSubmit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { value?: string; error?: string; existing?: string | null; status?: number },
  ) => {
    const { maxPaperAgeDays, submissionsPerDay } = config.community;
    const vm = {
      chrome: await pageChrome(request, reply, services),
      maxPaperAgeDays,
      submissionsPerDay,
      value: extra.value,
      error: extra.error,
      existingArxivId: extra.existing,
      waiting: await demoPapersAwaiting(store),
    };
    return sendHtml(reply, submitPage(vm), extra.status ?? 200);
  };
  app.get('/submit', { config: membersOnly }, async (request, reply) => {
    requireViewer(request.viewer);
    return showSubmit(request, reply, {});
  });
  app.post('/submit', { config: membersOnly, preHandler: limiters.submission }, async (request, reply) => {
    const value = field(request, 'arxivId');
    try {
      const { paper } = await submitPaper({
        store,
        arxiv: services.arxivLookup,
        gates: config.community,
        viewer: request.viewer,
        input: value,
      });
      return redirectWithFlash(reply, paperPath(paper.arxivId), {
        kind: 'success',
        text: `Submitted: ${paper.arxivId} is on today's list.`,
      });
    } catch (error) {
      const shown = error instanceof AppError && error.status !== 401 && (error.status < 500 || error.status === 502);
      // "Queued, try again in N s" is shown on the form too, with its Retry-After, the typed id kept.
      if (!shown && !(error instanceof RetryLaterError)) throw error;
      setRetryAfter(reply, error);
      const existing = error instanceof DuplicateSubmissionError && !error.hidden ? error.arxivId : null;
      return showSubmit(request, reply, { value, error: error.message, existing, status: error.status });
    }
  });

  app.post<{ Params: { '*': string } }>('/papers/*', { config: membersOnly }, async (request, reply) => {
    const target = splitPaperAction(request.params['*']);
    if (!target) throw new NotFoundError('route.not_found', `There is no page at ${request.url.slice(0, 200)}`);
    const { idText, action } = target;
    const viewer = request.viewer;
    if (action === 'upvote') {
      await limiters.vote(request, reply);
      const result = await castVote({
        store,
        viewer,
        arxivId: idText,
        up: field(request, 'state') !== 'off',
        requireVerifiedEmail,
      });
      if (wantsJson(request)) return { upvotes: result.upvotes, upvoted: result.upvoted };
      return reply.redirect(backPath(request, paperPath(idText)), 303);
    }
    if (action === 'comments') {
      await limiters.comment(request, reply);
      const parentId = field(request, 'parentId') || null;
      try {
        const { id, paper } = await postComment({
          store,
          viewer,
          arxivId: idText,
          body: field(request, 'body'),
          parentId,
          rules,
        });
        if (wantsJson(request)) return reply.status(201).send({ id });
        return redirectWithFlash(reply, `${paperPath(paper.arxivId)}#comment-${id}`, {
          kind: 'success',
          text: 'Your comment is posted.',
        });
      } catch (error) {
        const draftError =
          error instanceof AppError && (error.code === 'comments.empty' || error.code === 'comments.too_long');
        if (!draftError || wantsJson(request)) throw error;
        // Show the page again with the text kept, so a too-long comment can be shortened rather than retyped.
        const result = await getPaper(store, idText);
        const draft = {
          body: field(request, 'body'),
          parentId: parentId ? Number(parentId) : null,
          error: error.message,
        };
        const community = await paperCommunity({ services, request, reply, result, draft });
        return sendHtml(
          reply,
          paperPage({ ...paperPageVM(result, community.chrome, community.notes), ...community.vm }),
          error.status,
        );
      }
    }
    if (action === 'claims') {
      const { paper } = await claimAuthorship({
        store,
        viewer,
        arxivId: idText,
        authorName: field(request, 'authorName'),
        requireVerifiedEmail,
      });
      return redirectWithFlash(reply, paperPath(paper.arxivId), {
        kind: 'success',
        text: 'Thanks — a moderator will review your authorship claim.',
      });
    }
    const hidden = action === 'hide';
    const { paper } = await setListingHidden({
      store,
      viewer,
      arxivId: idText,
      hidden,
      reason: field(request, 'reason'),
    });
    return redirectWithFlash(reply, paperPath(paper.arxivId), {
      kind: 'success',
      text: hidden ? 'The listing is hidden.' : 'The listing is visible again.',
    });
  });

  app.post<{ Params: { id: string } }>(
    '/comments/:id/edit',
    { config: membersOnly, preHandler: limiters.comment },
    async (request, reply) => {
      const { id, arxivId } = await editComment({
        store,
        viewer: request.viewer,
        commentId: request.params.id,
        body: field(request, 'body'),
        rules,
      });
      return redirectWithFlash(reply, `${paperPath(arxivId)}#comment-${id}`, {
        kind: 'success',
        text: 'Your comment is updated.',
      });
    },
  );
  app.post<{ Params: { id: string } }>('/comments/:id/delete', { config: membersOnly }, async (request, reply) => {
    // The page's form is a confirmation step ("Delete" opens "Delete this comment? Yes, delete") that sends
    // confirm=yes; a form post without it deletes nothing. Programs asking for JSON confirm by asking.
    if (!wantsJson(request) && field(request, 'confirm') !== 'yes') {
      throw new InvalidInputError('comments.unconfirmed', 'The comment is not deleted: confirm with “Yes, delete”.');
    }
    const { arxivId } = await deleteComment({ store, viewer: request.viewer, commentId: request.params.id, rules });
    return redirectWithFlash(reply, `${paperPath(arxivId)}#comments`, {
      kind: 'success',
      text: 'Your comment is deleted.',
    });
  });
  for (const hidden of [true, false]) {
    app.post<{ Params: { id: string } }>(
      `/comments/:id/${hidden ? 'hide' : 'unhide'}`,
      { config: membersOnly },
      async (request, reply) => {
        const { comment, arxivId } = await setCommentHidden({
          store,
          viewer: request.viewer,
          commentId: request.params.id,
          hidden,
          reason: field(request, 'reason'),
        });
        const text = hidden ? 'The comment is hidden.' : 'The comment is visible again.';
        return redirectWithFlash(reply, `${paperPath(arxivId)}#comment-${comment.id}`, { kind: 'success', text });
      },
    );
  }
}
