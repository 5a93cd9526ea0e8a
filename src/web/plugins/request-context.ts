// Per-request community state every route can read: who is asking and how they proved it.
// The plugins' type augmentations (cookies, CSRF, rate limits) are loaded here for every file that uses them.
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { ApiTokenScope } from '../../community/accounts.models.js';
import type { Viewer } from '../../community/viewer.models.js';
import { localRedirectTarget } from './redirect-target.js';

/** How the request was authenticated. Cookie sessions need CSRF tokens on writes; API tokens do not. */
export type Auth =
  | { method: 'session'; viewer: Viewer; sessionKey: string }
  | { method: 'token'; viewer: Viewer; tokenId: number; scope: ApiTokenScope };

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /** Anonymous requests are refused by the handler (and skip the CSRF check, which would only hide that). */
    requiresUser?: boolean;
    /** Set false on the rare state-changing route that must accept cross-site requests (none so far). */
    csrf?: boolean;
    /** Operator endpoints (/healthz, /readyz, /metrics): no session or API-token lookup, cheap for probes. */
    operator?: boolean;
  }
}

/** Same rule as the error handler: API paths and JSON-accepting requests get JSON. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** A same-site path to send a form's author back to: the `back` field, else the Referer, else `fallback`. */
export function backPath(request: FastifyRequest, fallback = '/'): string {
  const body = request.body as Record<string, unknown> | undefined;
  return localRedirectTarget(body?.back) ?? localRedirectTarget(refererPath(request)) ?? fallback;
}

function refererPath(request: FastifyRequest): string | null {
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    const url = new URL(referer);
    // Normalised through URL on both sides, so "host:80" and "host" compare equal.
    const own = new URL(`${request.protocol}://${request.host}`);
    return url.host === own.host ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}
