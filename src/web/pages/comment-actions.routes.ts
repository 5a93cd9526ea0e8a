// Form posts on one comment: its author edits or deletes it, moderators hide or show it again.
import type { FastifyInstance } from 'fastify';
import { commentDeleteUnconfirmed, commentEmpty } from '../../community/comments.errors.js';
import { commentEditSchema } from '../../community/comments.schemas.js';
import { deleteComment, editComment } from '../../community/comments.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { moderationInvalidReason } from '../../community/moderation.errors.js';
import { reasonSchema } from '../../community/moderation.schemas.js';
import { setCommentHidden } from '../../community/moderation.usecases.js';
import { requireModerator, requireWriter } from '../../community/viewer.models.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { redirectWithFlash } from '../plugins/flash.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { wantsJson } from '../plugins/request-context.js';
import { field, membersOnly } from './community-http.js';

interface CommentActionDeps {
  services: Services;
  limiters: Limiters;
}

const commentRules = (services: Services) => ({
  maxChars: services.config.community.commentMaxChars,
  requireVerifiedEmail: services.config.community.requireVerifiedEmail,
});

export function setupEditCommentRoute(app: FastifyInstance, { services, limiters }: CommentActionDeps) {
  const rules = commentRules(services);
  const editForm = commentEditSchema(rules.maxChars);
  app.post<{ Params: { id: string } }>(
    '/comments/:id/edit',
    { config: membersOnly, preHandler: limiters.comment },
    async (request, reply) => {
      const viewer = requireWriter(request.viewer, rules);
      const { body } = parseInput(editForm, { body: field(request, 'body') }, commentEmpty.code);
      const { id, arxivId } = await editComment({
        store: services.store,
        viewer,
        commentId: request.params.id,
        body,
        rules,
      });
      return redirectWithFlash(reply, `${paperPath(arxivId)}#comment-${id}`, {
        kind: 'success',
        text: 'Your comment is updated.',
      });
    },
  );
}

export function setupDeleteCommentRoute(app: FastifyInstance, { services }: CommentActionDeps) {
  const rules = commentRules(services);
  app.post<{ Params: { id: string } }>('/comments/:id/delete', { config: membersOnly }, async (request, reply) => {
    // The page's form is a confirmation step ("Delete" opens "Delete this comment? Yes, delete") that sends
    // confirm=yes; a form post without it deletes nothing. Programs asking for JSON confirm by asking.
    if (!wantsJson(request) && field(request, 'confirm') !== 'yes') throw commentDeleteUnconfirmed();
    const { arxivId } = await deleteComment({
      store: services.store,
      viewer: request.viewer,
      commentId: request.params.id,
      rules,
    });
    return redirectWithFlash(reply, `${paperPath(arxivId)}#comments`, {
      kind: 'success',
      text: 'Your comment is deleted.',
    });
  });
}

export function setupCommentVisibilityRoutes(app: FastifyInstance, { services }: CommentActionDeps) {
  for (const hidden of [true, false]) {
    app.post<{ Params: { id: string } }>(
      `/comments/:id/${hidden ? 'hide' : 'unhide'}`,
      { config: membersOnly },
      async (request, reply) => {
        requireModerator(request.viewer);
        const reason = parseInput(reasonSchema, field(request, 'reason'), moderationInvalidReason.code);
        const { comment, arxivId } = await setCommentHidden({
          store: services.store,
          viewer: request.viewer,
          commentId: request.params.id,
          hidden,
          reason,
        });
        const text = hidden ? 'The comment is hidden.' : 'The comment is visible again.';
        return redirectWithFlash(reply, `${paperPath(arxivId)}#comment-${comment.id}`, { kind: 'success', text });
      },
    );
  }
}
