// The one way an HTML form shows a refusal in place (the page again, with what was typed and the message) instead
// of redirecting: which errors it shows, and how the page is sent. Anything else is rethrown, to reach the community
// error handler ("sign in first" → the sign-in page) or the app's handler (logged 500s, JSON errors). From a `catch`:
//   catch (error) { return showRefusal(reply, error, (refusal) => signUpPage({ …, error: refusal.message })); }
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authRequired } from '../community/accounts.errors.js';
import { AppError, rethrowUnlessRefusal } from '../core/errors.js';
import type { SafeHtml } from '../render/html.js';
import { setRetryAfter } from './errors.js';
import { sendHtml } from './pages/community-http.js';
import { wantsJson } from './plugins/request-context.js';

/**
 * The refusal a form shows in place, or a rethrow: a refusal (4xx) other than "sign in first" is shown, and so is
 * whatever `alsoShow` accepts (the submit form shows "arXiv is unreachable"); when `request` is given, a client
 * asking for JSON gets the error itself.
 */
export function refusalToShow(
  error: unknown,
  opts: { request?: FastifyRequest; alsoShow?: (error: AppError) => boolean } = {},
): AppError {
  if (error instanceof AppError && opts.alsoShow?.(error)) return error;
  rethrowUnlessRefusal(error);
  if (authRequired.is(error) || (opts.request && wantsJson(opts.request))) throw error;
  return error;
}

/** Sends the page that shows `refusal`, with its status (and its Retry-After, for "try again in N s"). */
export function renderRefusal(reply: FastifyReply, refusal: AppError, page: SafeHtml) {
  setRetryAfter(reply, refusal);
  return sendHtml(reply, page, refusal.status);
}

/** `refusalToShow` and `renderRefusal` in one step, for forms whose page is rendered from the refusal. */
export async function showRefusal(
  reply: FastifyReply,
  error: unknown,
  render: (refusal: AppError) => SafeHtml | Promise<SafeHtml>,
): Promise<FastifyReply> {
  const refusal = refusalToShow(error);
  return renderRefusal(reply, refusal, await render(refusal));
}
