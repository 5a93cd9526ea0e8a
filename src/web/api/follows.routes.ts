// The follows API: GET /api/v1/follows (what the caller follows), POST (follow), DELETE (?kind=…&key=…, unfollow)
// and GET /api/v1/follows/papers (the /following list, with reasons). A bearer token or a session with its CSRF
// header, as every other write API.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { requireViewer } from '../../community/viewer.models.js';
import { getFollowingPapers, reasonText } from '../../follows/following.usecases.js';
import { followInvalid } from '../../follows/follows.errors.js';
import { FOLLOW_KINDS } from '../../follows/follows.models.js';
import { followingPageQuerySchema, followTargetSchema } from '../../follows/follows.schemas.js';
import { followTarget, listFollows, unfollowTarget } from '../../follows/follows.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { members } from './content-api.js';
import { paperToJson } from './paper.schema.js';

type TargetBody = z.output<typeof followTargetSchema>;
type PageQuery = z.output<typeof followingPageQuerySchema>;

const followJson = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: [...FOLLOW_KINDS] },
    key: { type: 'string' },
    label: { type: 'string' },
    href: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const stateJson = {
  type: 'object',
  properties: { kind: { type: 'string' }, key: { type: 'string' }, following: { type: 'boolean' } },
} as const;

const followingPapersJson = {
  type: 'object',
  properties: {
    page: { type: 'integer' },
    hasNext: { type: 'boolean' },
    windowDays: { type: 'integer' },
    papers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          paper: { $ref: 'Paper#' },
          at: { type: 'string', format: 'date-time' },
          reasons: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                kind: { type: 'string', enum: [...FOLLOW_KINDS] },
                key: { type: 'string' },
                label: { type: 'string' },
                text: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export function setupListFollowsApiRoute(app: FastifyInstance, { services }: { services: Services }) {
  app.get(
    '/api/v1/follows',
    {
      config: members,
      schema: {
        tags: ['community'],
        summary: 'What the caller follows, newest first',
        response: {
          200: { type: 'object', properties: { follows: { type: 'array', items: followJson } } },
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const follows = await listFollows({ store: services.store, viewer: request.viewer });
      reply.header('cache-control', 'private, no-store');
      return {
        follows: follows.map(({ kind, key, label, href, createdAt }) => ({ kind, key, label, href, createdAt })),
      };
    },
  );
}

export function setupFollowApiRoute(app: FastifyInstance, { services }: { services: Services }) {
  app.post(
    '/api/v1/follows',
    {
      config: members,
      ...validated(
        { body: followTargetSchema },
        {
          code: followInvalid.code,
          extra: {
            tags: ['community'],
            summary:
              'Follow an author (name or folded key), an arXiv category, another reader’s public collection (id) or one of your saved searches (id)',
            response: { 200: stateJson, 201: stateJson, ...refusals },
          },
        },
      ),
    },
    async (request, reply) => {
      const { target, created } = await followTarget({
        store: services.store,
        viewer: request.viewer,
        target: request.body as TargetBody,
      });
      return reply.status(created ? 201 : 200).send({ ...target, following: true });
    },
  );
}

export function setupUnfollowApiRoute(app: FastifyInstance, { services }: { services: Services }) {
  app.delete(
    '/api/v1/follows',
    {
      config: members,
      ...validated(
        { querystring: followTargetSchema },
        {
          code: followInvalid.code,
          extra: {
            tags: ['community'],
            summary:
              'Stop following (?kind=author&key=ada-lovelace); unfollowing what one does not follow changes nothing',
            response: { 200: stateJson, ...refusals },
          },
        },
      ),
    },
    async (request) => {
      const { target } = await unfollowTarget({
        store: services.store,
        viewer: request.viewer,
        target: request.query as TargetBody,
      });
      return { ...target, following: false };
    },
  );
}

export function setupFollowingPapersApiRoute(app: FastifyInstance, { services }: { services: Services }) {
  app.get(
    '/api/v1/follows/papers',
    {
      config: members,
      ...validated(
        { querystring: followingPageQuerySchema },
        {
          code: followInvalid.code,
          extra: {
            tags: ['community'],
            summary: 'New papers from what the caller follows (the /following page), newest first, with the reasons',
            response: { 200: followingPapersJson, 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' } },
          },
        },
      ),
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      const { page } = request.query as PageQuery;
      const result = await getFollowingPapers({
        store: services.store,
        search: services.search,
        userId: viewer.id,
        page,
        pageSize: services.config.pages.pageSize,
      });
      reply.header('cache-control', 'private, no-store');
      return {
        page: result.page,
        hasNext: result.hasNext,
        windowDays: result.windowDays,
        papers: result.items.map((i) => ({
          paper: paperToJson(i.paper),
          at: i.at,
          reasons: i.reasons.map((r) => ({ kind: r.kind, key: r.key, label: r.label, text: reasonText(r) })),
        })),
      };
    },
  );
}

export async function followsApiRoutes(app: FastifyInstance, deps: { services: Services }) {
  setupListFollowsApiRoute(app, deps);
  setupFollowApiRoute(app, deps);
  setupUnfollowApiRoute(app, deps);
  setupFollowingPapersApiRoute(app, deps);
}
