// The API-tokens section of /account: create (the secret is shown in this answer only) and revoke.
import type { FastifyInstance } from 'fastify';
import { invalidTokenInput, tokenNotFound } from '../../community/accounts.errors.js';
import { tokenIdParamsSchema, tokenInputSchema } from '../../community/accounts.schemas.js';
import { createApiToken, revokeApiToken } from '../../community/api-tokens.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { requireViewer } from '../../community/viewer.models.js';
import { showRefusal } from '../form-refusal.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { type AccountPageDeps, renderAccountPage } from './account-http.js';
import { field, membersOnly } from './community-http.js';

// The new token is shown in this answer, never stored in a cookie or cache: no redirect, and no-store.
export function setupCreateTokenFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post('/account/tokens', { config: membersOnly }, async (request, reply) => {
    // Signed out is no refusal to show on the form: the error handler sends the visitor to sign in.
    const viewer = requireViewer(request.viewer);
    const form = {
      name: field(request, 'name'),
      scope: field(request, 'scope') === 'write' ? 'write' : 'read',
    } as const;
    try {
      const input = parseInput(tokenInputSchema, form, invalidTokenInput.code);
      const { token, record } = await createApiToken({
        store: services.store,
        viewer,
        input,
        maxPerUser: services.config.api.tokensPerUser,
      });
      const page = await renderAccountPage(request, reply, services, {
        created: { token, name: record.name, scope: record.scope },
      });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.toString());
    } catch (error) {
      return showRefusal(reply, error, (refusal) =>
        renderAccountPage(request, reply, services, { form: { ...form, error: refusal.message } }),
      );
    }
  });
}

export function setupRevokeTokenFormRoute(app: FastifyInstance, { services }: AccountPageDeps) {
  app.post<{ Params: { id: string } }>(
    '/account/tokens/:id/revoke',
    { config: membersOnly },
    async (request, reply) => {
      const params = tokenIdParamsSchema.safeParse(request.params);
      if (!params.success) throw tokenNotFound();
      const token = await revokeApiToken({ store: services.store, viewer: request.viewer, id: params.data.id });
      return redirectWithFlash(reply, '/account#api-tokens', {
        kind: 'success',
        text: `Token “${token.name}” is revoked; programs using it are refused from now on.`,
      });
    },
  );
}
