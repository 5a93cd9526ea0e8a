// The session cookie and the one function that decides who a request comes from.
import './request-context.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resumeSession } from '../../community/sessions.usecases.js';
import type { Services } from '../../services.js';
import type { Auth } from './request-context.js';

export const SESSION_COOKIE = 'dp_session';

export function isHttps(services: Pick<Services, 'config'>): boolean {
  return services.config.server.publicUrl.startsWith('https:');
}

export function setSessionCookie(reply: FastifyReply, opts: { services: Services; value: string; expiresAt: string }) {
  reply.setCookie(SESSION_COOKIE, opts.value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(opts.services),
    expires: new Date(opts.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, services: Services) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(services) });
}

/**
 * Resolves the viewer of a request. This is the single place to extend with other credentials: personal API
 * tokens (`Authorization: Bearer …`) should be checked here first and return `{ method: 'token', … }`, which
 * also exempts the request from CSRF checks (a token is not sent by browsers on their own).
 */
export async function resolveAuth(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<Auth | null> {
  const cookieValue = request.cookies[SESSION_COOKIE];
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
