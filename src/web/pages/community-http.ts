// Shared plumbing of the community pages: sending HTML, and the error rules of form posts made without
// JavaScript — "sign in first" becomes a redirect to the sign-in page, and a refused action (400–409) becomes a
// flash message on the page the form came from. Everything else (JSON, "try again in N s", CSRF, 5xx) goes to the
// app's handler, which sends Retry-After.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authRequired } from '../../community/accounts.errors.js';
import { RetryLaterError } from '../../community/community.errors.js';
import { isRefusal } from '../../core/errors.js';
import type { SafeHtml } from '../../render/html.js';
import { CsrfError } from '../plugins/csrf.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { backPath, wantsJson } from '../plugins/request-context.js';

export function sendHtml(reply: FastifyReply, page: SafeHtml, status = 200) {
  // Pages carry the reader's name and CSRF token: never stored by shared caches.
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-cache')
    .send(page.toString());
}

export function loginRedirect(request: FastifyRequest, reply: FastifyReply) {
  const next = request.method === 'GET' ? request.url : backPath(request);
  return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
}

export function handleCommunityErrors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (!wantsJson(request)) {
      if (authRequired.is(error)) return loginRedirect(request, reply);
      const refusal =
        request.method === 'POST' &&
        isRefusal(error) &&
        !(error instanceof RetryLaterError) &&
        !(error instanceof CsrfError);
      if (refusal) return redirectWithFlash(reply, backPath(request), { kind: 'error', text: error.message });
    }
    // Fastify passes an error thrown here to the parent (application) error handler.
    throw error;
  });
}

export const membersOnly = { requiresUser: true } as const;

/** Reads a string field of a urlencoded or JSON body. */
export function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
