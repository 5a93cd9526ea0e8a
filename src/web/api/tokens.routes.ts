// /api/v1/tokens: the signed-in user's personal API tokens as JSON (the settings page does the same with forms).
// Creating a token needs a browser session: a token that could mint tokens would outlive its own revocation.
import type { FastifyInstance } from 'fastify';
import { authRequired, invalidTokenInput, sessionRequiredForTokens } from '../../community/accounts.errors.js';
import type { ApiToken } from '../../community/accounts.models.js';
import { type TokenInput, tokenIdParamsSchema, tokenInputSchema } from '../../community/accounts.schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../community/api-tokens.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
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

function setupListTokensRoute(app: FastifyInstance, { services }: { services: Services }) {
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
    async (request) => (await listApiTokens({ store: services.store, viewer: request.viewer })).map(tokenToJson),
  );
}

function setupCreateTokenRoute(app: FastifyInstance, { services }: { services: Services }) {
  app.post<{ Body: TokenInput }>(
    '/api/v1/tokens',
    {
      config: members,
      // Who asks comes before what they sent: an anonymous program is told to sign in, whatever its body.
      preValidation: async (request) => {
        if (!request.viewer) throw authRequired();
      },
      ...validated(
        { body: tokenInputSchema },
        {
          code: invalidTokenInput.code,
          extra: {
            tags: ['tokens'],
            summary: 'Create a token (signed in with the session cookie); the secret is in this answer only',
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
      ),
    },
    async (request, reply) => {
      if (request.auth?.method === 'token') throw sessionRequiredForTokens();
      const { token, record } = await createApiToken({
        store: services.store,
        viewer: request.viewer,
        input: request.body,
        maxPerUser: services.config.api.tokensPerUser,
      });
      return reply.status(201).send({ ...tokenToJson(record), token });
    },
  );
}

function setupRevokeTokenRoute(app: FastifyInstance, { services }: { services: Services }) {
  app.delete<{ Params: { id: number } }>(
    '/api/v1/tokens/:id',
    {
      config: members,
      ...validated(
        { params: tokenIdParamsSchema },
        {
          code: invalidTokenInput.code,
          extra: {
            tags: ['tokens'],
            summary: 'Revoke a token (at once: the next request with it gets 401)',
            response: { 204: { type: 'null' }, ...refusals },
          },
        },
      ),
    },
    async (request, reply) => {
      await revokeApiToken({ store: services.store, viewer: request.viewer, id: request.params.id });
      return reply.status(204).send();
    },
  );
}

export async function tokenApiRoutes(app: FastifyInstance, deps: { services: Services }) {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });
  setupListTokensRoute(app, deps);
  setupCreateTokenRoute(app, deps);
  setupRevokeTokenRoute(app, deps);
}
