// The community JSON API under /api/v1: submissions, votes, comments and collections. Authenticated by
// a personal API token (`Authorization: Bearer`, no CSRF token needed) or the session cookie (see resolveAuth in
// web/plugins/session-cookie.ts); cookie-authenticated writes carry the CSRF token from GET /api/v1/session
// (accounts.routes.ts) in the x-csrf-token header.
import type { FastifyInstance } from 'fastify';
import {
  createCollection,
  deleteCollection,
  getCollection,
  setCollectionItem,
  updateCollection,
} from '../../community/collections.usecases.js';
import { deleteComment, editComment, getThread, postComment } from '../../community/comments.usecases.js';
import { submitPaper } from '../../community/submissions.usecases.js';
import { castVote, findPaper } from '../../community/votes.usecases.js';
import type { Services } from '../../services.js';
import type { Limiters } from '../plugins/rate-limits.js';
import {
  collectionBody,
  collectionToJson,
  collectionWithPapersSchema,
  commentToJson,
  paperRef,
  refusals,
  threadSchema,
} from './community.schema.js';
import { listingToJson, paperToJson } from './paper.schema.js';

const members = { requiresUser: true } as const;
const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } } } as const;

export async function communityApiRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const { store, config } = services;
  const { requireVerifiedEmail, commentMaxChars } = config.community;
  const rules = { maxChars: commentMaxChars, requireVerifiedEmail };
  // Answers depend on who asks: never stored by shared caches.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  app.post<{ Body: { arxivId: string } }>(
    '/api/v1/submissions',
    {
      config: members,
      preHandler: limiters.submission,
      schema: {
        tags: ['community'],
        summary: "Submit a paper to today's list by arXiv id or URL",
        body: { type: 'object', required: ['arxivId'], properties: { arxivId: paperRef } },
        response: {
          201: { type: 'object', properties: { paper: { $ref: 'Paper#' }, listing: { $ref: 'Listing#' } } },
          ...refusals,
          502: { $ref: 'Error#' },
          503: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const { paper, listing } = await submitPaper({
        store,
        arxiv: services.arxivLookup,
        gates: config.community,
        viewer: request.viewer,
        input: request.body.arxivId,
      });
      return reply.status(201).send({ paper: paperToJson(paper), listing: listingToJson(listing) });
    },
  );

  app.post<{ Body: { paper: string; upvoted: boolean } }>(
    '/api/v1/votes',
    {
      config: members,
      preHandler: limiters.vote,
      schema: {
        tags: ['community'],
        summary: 'Set your upvote on a listed paper (idempotent: upvoted is the state you want)',
        body: {
          type: 'object',
          required: ['paper', 'upvoted'],
          properties: { paper: paperRef, upvoted: { type: 'boolean' } },
        },
        response: {
          200: {
            type: 'object',
            properties: { upvotes: { type: 'integer' }, upvoted: { type: 'boolean' }, changed: { type: 'boolean' } },
          },
          ...refusals,
        },
      },
    },
    async (request) =>
      castVote({
        store,
        viewer: request.viewer,
        arxivId: request.body.paper,
        up: request.body.upvoted,
        requireVerifiedEmail,
      }),
  );

  app.get<{ Querystring: { paper: string } }>(
    '/api/v1/comments',
    {
      schema: {
        tags: ['community'],
        summary: "A paper's comment thread",
        querystring: { type: 'object', required: ['paper'], properties: { paper: paperRef } },
        response: { 200: threadSchema, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const paper = await findPaper(store, request.query.paper);
      const thread = await getThread({ store, viewer: request.viewer, paperId: paper.id });
      return { paper: paper.arxivId, count: thread.count, comments: thread.roots.map(commentToJson) };
    },
  );
  app.post<{ Body: { paper: string; body: string; parentId?: number } }>(
    '/api/v1/comments',
    {
      config: members,
      preHandler: limiters.comment,
      schema: {
        tags: ['community'],
        summary: 'Comment on a paper, or reply to a comment (Markdown; raw HTML is shown as text)',
        body: {
          type: 'object',
          required: ['paper', 'body'],
          properties: { paper: paperRef, body: { type: 'string' }, parentId: { type: ['integer', 'null'] } },
        },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' } } }, ...refusals },
      },
    },
    async (request, reply) => {
      const { id } = await postComment({
        store,
        viewer: request.viewer,
        arxivId: request.body.paper,
        body: request.body.body,
        parentId: request.body.parentId ?? null,
        rules,
      });
      return reply.status(201).send({ id });
    },
  );
  app.patch<{ Params: { id: string }; Body: { body: string } }>(
    '/api/v1/comments/:id',
    {
      config: members,
      preHandler: limiters.comment,
      schema: {
        tags: ['community'],
        summary: 'Edit your comment',
        params: idParams,
        body: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } },
        response: {
          200: { type: 'object', properties: { id: { type: 'integer' }, arxivId: { type: 'string' } } },
          ...refusals,
        },
      },
    },
    async (request) =>
      editComment({ store, viewer: request.viewer, commentId: request.params.id, body: request.body.body, rules }),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/v1/comments/:id',
    {
      config: members,
      schema: {
        tags: ['community'],
        summary: 'Delete your comment (replies stay)',
        params: idParams,
        response: { 204: { type: 'null' }, ...refusals },
      },
    },
    async (request, reply) => {
      await deleteComment({ store, viewer: request.viewer, commentId: request.params.id, rules });
      return reply.status(204).send();
    },
  );

  app.post<{ Body: { name: string; description?: string; isPublic?: boolean } }>(
    '/api/v1/collections',
    {
      config: members,
      schema: {
        tags: ['community'],
        summary: 'Create a collection',
        body: collectionBody,
        response: { 201: { $ref: 'Collection#' }, ...refusals },
      },
    },
    async (request, reply) => {
      const collection = await createCollection({
        store,
        viewer: request.viewer,
        requireVerifiedEmail,
        input: request.body,
      });
      return reply.status(201).send(collectionToJson(collection));
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/collections/:id',
    {
      schema: {
        tags: ['community'],
        summary: 'A collection and its papers (private ones only for their owner)',
        params: idParams,
        response: { 200: collectionWithPapersSchema, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const { collection, items } = await getCollection({ store, viewer: request.viewer, id: request.params.id });
      return {
        collection: collectionToJson(collection),
        papers: items.map((i) => ({ paper: paperToJson(i.paper), addedAt: i.addedAt })),
      };
    },
  );
  app.patch<{ Params: { id: string }; Body: { name: string; description?: string; isPublic?: boolean } }>(
    '/api/v1/collections/:id',
    {
      config: members,
      schema: {
        tags: ['community'],
        summary: 'Rename or change a collection',
        params: idParams,
        body: collectionBody,
        response: { 200: { $ref: 'Collection#' }, ...refusals },
      },
    },
    async (request) =>
      collectionToJson(
        await updateCollection({
          store,
          viewer: request.viewer,
          requireVerifiedEmail,
          id: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/v1/collections/:id',
    {
      config: members,
      schema: {
        tags: ['community'],
        summary: 'Delete a collection',
        params: idParams,
        response: { 204: { type: 'null' }, ...refusals },
      },
    },
    async (request, reply) => {
      await deleteCollection({ store, viewer: request.viewer, requireVerifiedEmail, id: request.params.id });
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { id: string }; Body: { paper: string; contains: boolean } }>(
    '/api/v1/collections/:id/items',
    {
      config: members,
      schema: {
        tags: ['community'],
        summary: 'Add (contains: true) or remove a paper',
        params: idParams,
        body: {
          type: 'object',
          required: ['paper', 'contains'],
          properties: { paper: paperRef, contains: { type: 'boolean' } },
        },
        response: {
          200: { type: 'object', properties: { contains: { type: 'boolean' }, changed: { type: 'boolean' } } },
          ...refusals,
        },
      },
    },
    async (request) => {
      const { contains, changed } = await setCollectionItem({
        store,
        viewer: request.viewer,
        requireVerifiedEmail,
        id: request.params.id,
        arxivId: request.body.paper,
        contains: request.body.contains,
      });
      return { contains, changed };
    },
  );
}
