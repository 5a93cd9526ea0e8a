// The comment API: a paper's thread, and posting, editing and deleting your comments.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { commentEditSchema, newCommentSchema } from '../../community/comments.schemas.js';
import { deleteComment, editComment, getThread, postComment } from '../../community/comments.usecases.js';
import { paperRefSchema } from '../../papers/papers.schemas.js';
import { findPaper } from '../../papers/papers.usecases.js';
import type { Services } from '../../services.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { validated } from '../validation.js';
import { commentToJson, refusals, threadSchema } from './community.schema.js';
import { idParamsSchema, members, REQUEST_INVALID, writerFirst } from './content-api.js';

interface CommentRouteDeps {
  services: Services;
  limiters: Limiters;
}

const rulesOf = (services: Services) => ({
  maxChars: services.config.community.commentMaxChars,
  requireVerifiedEmail: services.config.community.requireVerifiedEmail,
});

const threadQuery = z.object({ paper: paperRefSchema });

export function setupGetThreadRoute(app: FastifyInstance, { services }: CommentRouteDeps) {
  app.get(
    '/api/v1/comments',
    validated(
      { querystring: threadQuery },
      {
        code: REQUEST_INVALID,
        extra: {
          tags: ['community'],
          summary: "A paper's comment thread",
          response: { 200: threadSchema, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
        },
      },
    ),
    async (request) => {
      const { paper: ref } = request.query as z.output<typeof threadQuery>;
      const paper = await findPaper(services.store, ref);
      const thread = await getThread({ store: services.store, viewer: request.viewer, paperId: paper.id });
      return { paper: paper.arxivId, count: thread.count, comments: thread.roots.map(commentToJson) };
    },
  );
}

export function setupPostCommentApiRoute(app: FastifyInstance, { services, limiters }: CommentRouteDeps) {
  const rules = rulesOf(services);
  const input = newCommentSchema(rules.maxChars);
  app.post(
    '/api/v1/comments',
    {
      config: members,
      preValidation: writerFirst(rules),
      preHandler: limiters.comment,
      ...validated(
        { body: input },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Comment on a paper, or reply to a comment (Markdown; raw HTML is shown as text)',
            response: { 201: { type: 'object', properties: { id: { type: 'integer' } } }, ...refusals },
          },
        },
      ),
    },
    async (request, reply) => {
      const body = request.body as z.output<typeof input>;
      const { id } = await postComment({
        store: services.store,
        viewer: request.viewer,
        arxivId: body.paper,
        body: body.body,
        parentId: body.parentId,
        rules,
      });
      return reply.status(201).send({ id });
    },
  );
}

export function setupEditCommentApiRoute(app: FastifyInstance, { services, limiters }: CommentRouteDeps) {
  const rules = rulesOf(services);
  const input = commentEditSchema(rules.maxChars);
  app.patch(
    '/api/v1/comments/:id',
    {
      config: members,
      preValidation: writerFirst(rules),
      preHandler: limiters.comment,
      ...validated(
        { params: idParamsSchema, body: input },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Edit your comment',
            response: {
              200: { type: 'object', properties: { id: { type: 'integer' }, arxivId: { type: 'string' } } },
              ...refusals,
            },
          },
        },
      ),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof idParamsSchema>;
      const { body } = request.body as z.output<typeof input>;
      return editComment({ store: services.store, viewer: request.viewer, commentId: id, body, rules });
    },
  );
}

export function setupDeleteCommentApiRoute(app: FastifyInstance, { services }: CommentRouteDeps) {
  const rules = rulesOf(services);
  app.delete(
    '/api/v1/comments/:id',
    {
      config: members,
      ...validated(
        { params: idParamsSchema },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Delete your comment (replies stay)',
            response: { 204: { type: 'null' }, ...refusals },
          },
        },
      ),
    },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof idParamsSchema>;
      await deleteComment({ store: services.store, viewer: request.viewer, commentId: id, rules });
      return reply.status(204).send();
    },
  );
}
