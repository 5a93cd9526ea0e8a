// The one page a refused digest link shows (invalid, expired, or for a subscription that is gone), for the
// subscribe/confirm/unsubscribe routes and the preferences page alike.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rethrowUnlessRefusal } from '../../core/errors.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { digestMessagePage } from '../views/digest-pages.js';
import { sendHtml } from './community-http.js';

/** A refused link (invalid, expired, for a subscription that is gone) as a page; anything else is rethrown. */
export async function linkRefusedPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  links?: Array<{ href: string; text: string }>,
) {
  rethrowUnlessRefusal(error);
  const page = digestMessagePage({
    chrome: await pageChrome(request, reply, services, { withCsrf: true }),
    title: 'This link does not work',
    message: error.message,
    links,
  });
  return sendHtml(reply, page, error.status);
}
