// Test helpers for API tokens (imported by tests only): a token made through the use case, and a JSON request
// sent with it the way a program sends one — no cookies, no CSRF token.
import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../community/api-tokens.usecases.js';
import { viewerFromUser } from '../../community/viewer.models.js';
import type { Store } from '../../store/store.js';

export async function makeToken(store: Store, opts: { username: string; scope: 'read' | 'write'; name?: string }) {
  const user = await store.users.findByUsername(opts.username);
  if (!user) throw new Error(`no user ${opts.username}`);
  const { token, record } = await createApiToken({
    store,
    viewer: viewerFromUser(user),
    input: { name: opts.name ?? `${opts.scope} token`, scope: opts.scope },
    maxPerUser: 1000,
  });
  return { token, id: record.id };
}

export function withToken(
  app: FastifyInstance,
  token: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: object,
  remoteAddress = '127.0.0.1',
) {
  return app.inject({
    method,
    url,
    remoteAddress,
    payload: body,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
}
