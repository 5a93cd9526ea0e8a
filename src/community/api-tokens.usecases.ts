// Personal API tokens: created and revoked by their owner on the settings page, sent by programs as
// `Authorization: Bearer <token>`. The token is 32 random bytes shown once at creation; the store keeps its
// sha256, so neither a leaked table nor a log line of hashes lets anyone act as the owner.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import { accountSuspended, invalidToken, tokenNotFound, tokenRevoked, tooManyTokens } from './accounts.errors.js';
import type { ApiToken } from './accounts.models.js';
import type { TokenInput } from './accounts.schemas.js';
import { requireViewer, type Viewer, viewerFromUser } from './viewer.models.js';

// The prefix lets secret scanners (and people) recognise a leaked token.
const PREFIX = 'dp_';
const TOKEN = /^dp_[A-Za-z0-9_-]{43}$/;
const HINT_CHARS = PREFIX.length + 6;
// Writing "last used" on every request would turn each read into a write; once a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token for the viewer. The returned `token` is the only time the secret exists outside its owner. */
export async function createApiToken(opts: {
  store: Store;
  viewer: Viewer | null;
  input: TokenInput;
  maxPerUser: number;
  now?: Date;
}): Promise<{ token: string; record: ApiToken }> {
  const viewer = requireViewer(opts.viewer);
  if (viewer.suspended) throw accountSuspended({ message: 'Your account is suspended; it cannot create API tokens.' });
  const { input } = opts;
  if ((await opts.store.apiTokens.countActive(viewer.id)) >= opts.maxPerUser) {
    throw tooManyTokens({
      message: `You have ${opts.maxPerUser} active tokens, the most allowed; revoke one you no longer use first.`,
    });
  }
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = await opts.store.apiTokens.create({
    userId: viewer.id,
    name: input.name,
    tokenHash: tokenHashOf(token),
    hint: token.slice(0, HINT_CHARS),
    scope: input.scope,
    now: (opts.now ?? new Date()).toISOString(),
  });
  const record = (await opts.store.apiTokens.listByUser(viewer.id, { includeRevoked: false })).find(
    (t) => t.id === id,
  )!;
  return { token, record };
}

export async function listApiTokens(opts: { store: Store; viewer: Viewer | null }): Promise<ApiToken[]> {
  const viewer = requireViewer(opts.viewer);
  return opts.store.apiTokens.listByUser(viewer.id, { includeRevoked: false });
}

/** Revokes one of the viewer's tokens; 404 for someone else's, an unknown or an already revoked one. */
export async function revokeApiToken(opts: { store: Store; viewer: Viewer | null; id: number; now?: Date }) {
  const viewer = requireViewer(opts.viewer);
  const token = (await listApiTokens(opts)).find((t) => t.id === opts.id);
  if (!token || !(await opts.store.apiTokens.revoke(token.id, viewer.id, (opts.now ?? new Date()).toISOString()))) {
    throw tokenNotFound();
  }
  return token;
}

/**
 * Who a bearer token speaks for. Throws a 401 for malformed, unknown and revoked tokens and a 403 when the
 * owner is suspended, so that a program learns why it was refused.
 */
export async function authenticateToken(opts: { store: Store; token: string; now?: Date }) {
  if (!TOKEN.test(opts.token)) throw invalidToken();
  const found = await opts.store.apiTokens.findByHash(tokenHashOf(opts.token));
  if (!found) throw invalidToken();
  if (found.token.revokedAt) throw tokenRevoked();
  if (found.user.suspendedAt)
    throw accountSuspended({ message: 'The account this API token belongs to is suspended.' });
  const now = opts.now ?? new Date();
  const lastUsed = found.token.lastUsedAt ? Date.parse(found.token.lastUsedAt) : Number.NEGATIVE_INFINITY;
  if (now.getTime() - lastUsed >= TOUCH_EVERY_MS) await opts.store.apiTokens.touch(found.token.id, now.toISOString());
  return { viewer: viewerFromUser(found.user), tokenId: found.token.id, scope: found.token.scope };
}
