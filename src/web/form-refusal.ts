// The one way an HTML form shows a refusal in place: the form is rendered again with the refusal's message, at its
// status (with Retry-After when it says to wait), and what was typed kept by the caller's render. Anything that is
// not a refusal (a failure on our side) goes on to the one error handler, to be logged. Any area's form posts use
// it from their `catch`:
//   catch (error) { return showRefusal(reply, error, async (refusal) => signUpPage({ …, error: refusal.message })); }
import type { FastifyReply } from 'fastify';
import { type AppError, rethrowUnlessRefusal } from '../core/errors.js';
import type { SafeHtml } from '../render/html.js';
import { setRetryAfter } from './errors.js';
import { sendHtml } from './pages/community-http.js';

export async function showRefusal(
  reply: FastifyReply,
  error: unknown,
  render: (refusal: AppError) => SafeHtml | Promise<SafeHtml>,
): Promise<FastifyReply> {
  rethrowUnlessRefusal(error);
  setRetryAfter(reply, error);
  return sendHtml(reply, await render(error), error.status);
}
