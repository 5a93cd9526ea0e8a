import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { authRequired } from '../community/accounts.errors.js';
import { RetryLaterError } from '../community/community.errors.js';
import { AppError, createErrorFactory } from '../core/errors.js';
import { csrfTokenFor } from './plugins/csrf.js';
import { wantsJson } from './plugins/request-context.js';
import { errorPage } from './views/error-page.js';

interface ErrorBody {
  status: number;
  code: string;
  message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const routeNotFound = createErrorFactory({ code: 'route.not_found', status: 404, message: 'There is no such page.' });

/** No route answers this path: the one 404 of the router, and of handlers that own a path pattern (feeds). */
export function noSuchPage(url: string, hint?: string) {
  return routeNotFound({ message: hint ?? `There is no page at ${url.slice(0, 200)}` });
}
const INTERNAL_MESSAGE = 'Something went wrong on our side; it has been logged.';

function describe(error: unknown): ErrorBody {
  if (error instanceof AppError)
    return { status: error.status, code: error.code, message: error.isExposed ? error.message : INTERNAL_MESSAGE };
  const fe = error as FastifyError;
  if (fe.validation) return { status: 400, code: 'request.invalid', message: `Invalid request: ${fe.message}` };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: `request.${fe.code ?? 'invalid'}`.toLowerCase(), message: fe.message };
  }
  return { status: 500, code: 'internal', message: INTERNAL_MESSAGE };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, body: ErrorBody) {
  reply.status(body.status);
  if (wantsJson(request)) {
    return reply.send({ error: { code: body.code, message: body.message, requestId: String(request.id) } });
  }
  return reply.type('text/html; charset=utf-8').send(
    errorPage({
      // Error pages keep the header truthful about who is signed in (and its sign-out form working).
      chrome: request.viewer
        ? {
            user: { username: request.viewer.username, role: request.viewer.role },
            csrfToken: csrfTokenFor(request, reply),
          }
        : { user: null, csrfToken: null },
      status: body.status,
      title: titleFor(body.status),
      message: body.message,
      requestId: String(request.id),
    }).toString(),
  );
}

function titleFor(status: number): string {
  if (status === 404) return 'Not found';
  if (status === 400) return 'Bad request';
  if (status === 429) return 'Too many requests';
  if (status >= 500) return 'Server error';
  return 'Request refused';
}

/** "Try again in N s" refusals carry their wait in a Retry-After header, on pages and JSON alike. */
export function setRetryAfter(reply: FastifyReply, error: unknown): void {
  if (error instanceof RetryLaterError) reply.header('retry-after', String(Math.max(1, error.retryAfterSeconds)));
}

/** One place where every error becomes a JSON error or an HTML page; unknown errors are logged as 500s. */
export function installErrorHandling(app: FastifyInstance, opts: { logger: Logger }) {
  app.setErrorHandler((error, request, reply) => {
    const body = describe(error);
    setRetryAfter(reply, error);
    if (body.status >= 500) opts.logger.error({ err: error, reqId: request.id, url: request.url }, 'request failed');
    return sendError(request, reply, body);
  });
  app.setNotFoundHandler((request, reply) => {
    // Authentication first: an anonymous program writing to the API is told to sign in or send a token, whatever
    // the path, rather than which write routes exist (or, as before, that its CSRF token was missing).
    if (!SAFE_METHODS.has(request.method) && request.url.startsWith('/api/') && !request.viewer)
      return sendError(request, reply, describe(authRequired({ message: 'Sign in or send an API token to do that.' })));
    return sendError(request, reply, describe(noSuchPage(request.url)));
  });
}
