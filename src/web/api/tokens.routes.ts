// /api/v1/tokens: the signed-in user's personal API tokens as JSON (the settings page does the same with forms).
// Creating a token needs a browser session: a token that could mint tokens would outlive its own revocation.
import type { FastifyInstance } from 'fastify';
import type { ApiToken } from '../../community/accounts.models.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../community/api-tokens.usecases.js';
import { ForbiddenError } from '../../community/community.errors.js';
import type { Services } from '../../services.js';
import { refusals } from './community.schema.js';

const tokenProperties = {
  id: { type: 'integer' },
  name: { type: 'string' },
  hint: { type: 'string', description: 'The first characters of the token, to tell tokens apart' },
  scope: { type: 'string', enum: ['read', 'write'] },
  createdAt: { type: 'string', format: 'date-time' },
  lastUsedAt: { type: ['string', 'null'], format: 'date-time', description: 'To the minute' },
} as const;
const tokenSchema = {
  type: 'object',
  required: ['id', 'name', 'hint', 'scope', 'createdAt', 'lastUsedAt'],
  properties: tokenProperties,
} as const;
const members = { requiresUser: true } as const;

export function tokenToJson(t: ApiToken) {
  return { id: t.id, name: t.name, hint: t.hint, scope: t.scope, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt };
}

export async function tokenApiRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { store, config } = opts.services;
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  app.get(
    '/api/v1/tokens',
    {
      config: members,
      schema: {
        tags: ['tokens'],
        summary: 'Your active personal API tokens (never the secrets)',
        response: { 200: { type: 'array', items: tokenSchema }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' } },
      },
    },
    async (request) => (await listApiTokens({ store, viewer: request.viewer })).map(tokenToJson),
  );

  app.post<{ Body: { name: string; scope: 'read' | 'write' } }>(
    '/api/v1/tokens',
    {
      config: members,
      schema: {
        tags: ['tokens'],
        summary: 'Create a token (signed in with the session cookie); the secret is in this answer only',
        body: {
          type: 'object',
          required: ['name', 'scope'],
          properties: { name: { type: 'string', maxLength: 200 }, scope: { type: 'string', enum: ['read', 'write'] } },
        },
        response: {
          201: {
            type: 'object',
            required: [...tokenSchema.required, 'token'],
            properties: {
              ...tokenProperties,
              token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`; shown only now' },
            },
          },
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      if (request.auth?.method === 'token') {
        throw new ForbiddenError(
          'tokens.session_required',
          'API tokens are created when signed in, not with another token.',
        );
      }
      const { token, record } = await createApiToken({
        store,
        viewer: request.viewer,
        input: request.body,
        maxPerUser: config.api.tokensPerUser,
      });
      return reply.status(201).send({ ...tokenToJson(record), token });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/tokens/:id',
    {
      config: members,
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token (at once: the next request with it gets 401)',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } } },
        response: { 204: { type: 'null' }, ...refusals },
      },
    },
    async (request, reply) => {
      await revokeApiToken({ store, viewer: request.viewer, id: request.params.id });
      return reply.status(204).send();
    },
  );
}
