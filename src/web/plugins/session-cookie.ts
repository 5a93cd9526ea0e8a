// The session cookie and the one function that decides who a request comes from.
import './request-context.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { insufficientScope } from '../../community/accounts.errors.js';
import { authenticateToken } from '../../community/api-tokens.usecases.js';
import { resumeSession } from '../../community/sessions.usecases.js';
import type { Services } from '../../services.js';
import type { Auth } from './request-context.js';

const SESSION_COOKIE = 'dp_session';

export function isHttps(services: Pick<Services, 'config'>): boolean {
  return services.config.server.publicUrl.startsWith('https:');
}

/**
 * Over https the cookies carry the `__Host-` prefix: browsers then accept them only with Secure, Path=/ and no
 * Domain, so neither a sibling subdomain nor a plain-http page of the same host can plant or overwrite them.
 * (Plain http cannot use the prefix, which needs Secure.)
 */
export function cookieName(services: Pick<Services, 'config'>, name: string): string {
  return isHttps(services) ? `__Host-${name}` : name;
}

export function sessionCookieName(services: Pick<Services, 'config'>): string {
  return cookieName(services, SESSION_COOKIE);
}

/** The session cookie's value on a request, if any. */
export function sessionCookieOf(request: FastifyRequest, services: Pick<Services, 'config'>): string | undefined {
  return request.cookies[sessionCookieName(services)];
}

export function setSessionCookie(reply: FastifyReply, opts: { services: Services; value: string; expiresAt: string }) {
  reply.setCookie(sessionCookieName(opts.services), opts.value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(opts.services),
    expires: new Date(opts.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, services: Services) {
  reply.clearCookie(sessionCookieName(services), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(services),
  });
}

/**
 * Resolves the viewer of a request: an API token (`Authorization: Bearer …`) on /api/ paths first, else the
 * session cookie. Token requests skip CSRF checks (browsers never send a token on their own). A bad, revoked or
 * suspended token is refused outright (401/403) rather than read as anonymous, so a program never mistakes a
 * refusal for a public answer; a read-only token is refused on anything but a read.
 */
export async function resolveAuth(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<Auth | null> {
  const bearer = bearerTokenOf(request);
  if (bearer !== null) {
    try {
      const { viewer, tokenId, scope } = await authenticateToken({ store: services.store, token: bearer });
      if (scope === 'read' && !READ_METHODS.has(request.method)) throw insufficientScope();
      return { method: 'token', viewer, tokenId, scope };
    } catch (error) {
      // RFC 6750 §3: tell the client which scheme to use and what went wrong.
      const kind = insufficientScope.is(error) ? 'insufficient_scope' : 'invalid_token';
      reply.header('www-authenticate', `Bearer realm="api", error="${kind}"`);
      throw error;
    }
  }
  const cookieValue = sessionCookieOf(request, services);
  if (!cookieValue) return null;
  const session = await resumeSession({
    store: services.store,
    cookieValue,
    days: services.config.community.sessionDays,
  });
  if (!session) {
    clearSessionCookie(reply, services);
    return null;
  }
  if (session.renewedUntil) setSessionCookie(reply, { services, value: cookieValue, expiresAt: session.renewedUntil });
  return { method: 'session', viewer: session.viewer, sessionKey: session.sessionKey };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The token of an `Authorization: Bearer` header on an API path, or null. Other schemes pass through untouched:
 * a site behind a proxy's Basic authentication gets `Authorization: Basic …` on every page.
 */
export function bearerTokenOf(request: Pick<FastifyRequest, 'url' | 'headers'>): string | null {
  if (!request.url.startsWith('/api/')) return null;
  const match = /^Bearer[ \t]+(\S*)\s*$/i.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}
