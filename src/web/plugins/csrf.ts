// CSRF protection (@fastify/csrf-protection, cookie mode): a signed secret cookie plus a token in every form
// (`_csrf`) or JSON write (`x-csrf-token` header). Tokens are bound to the session, so a token from one sign-in
// is useless in another, and anonymous forms (sign-in, sign-up, reset) are protected too.
import './request-context.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';

export class CsrfError extends AppError {
  constructor() {
    super(
      'csrf.invalid',
      403,
      'This form has expired or did not come from this site. Go back, reload the page and try again.',
    );
  }
}

export function csrfUserInfo(request: FastifyRequest): string {
  return request.auth?.method === 'session' ? request.auth.sessionKey : 'anonymous';
}

export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: csrfUserInfo(request) });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request must carry a valid token: every state-changing request made with cookies. */
export function needsCsrfCheck(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  // No route, nothing to protect: the not-found handler answers (401 for an anonymous API write, else 404).
  if (request.is404) return false;
  const config = request.routeOptions.config;
  if (config?.csrf === false) return false;
  if (request.auth?.method === 'token') return false;
  // An anonymous request to a members-only route is refused by its handler ("sign in"); checking the token
  // first would only replace that helpful answer with a CSRF error.
  if (config?.requiresUser && !request.viewer) return false;
  return true;
}

/**
 * Runs the plugin's check, turning its failure into our typed error. The plugin reports failure through
 * `reply.send(error)`, so it gets a reply stand-in whose `send` rejects instead of answering.
 */
export function verifyCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    const standIn = {
      unsignCookie: (value: string) => reply.unsignCookie(value),
      send: () => reject(new CsrfError()),
    } as unknown as FastifyReply;
    app.csrfProtection(request, standIn, () => resolve());
  });
}
