// The per-request page chrome: who is signed in (with their collections, for save menus), the CSRF token for
// forms, and the flash message left by the previous form post. Every HTML route builds its ChromeVM here.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectionsOfViewer } from '../../community/collections.usecases.js';
import type { Services } from '../../services.js';
import type { ChromeVM } from '../views/view-models.js';
import { csrfTokenFor } from './csrf.js';
import { takeFlash } from './flash.js';
import { localRedirectTarget } from './redirect-target.js';

export async function pageChrome(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  opts: { withCsrf?: boolean } = {},
): Promise<ChromeVM> {
  const { viewer } = request;
  const collections = (await collectionsOfViewer({ store: services.store, viewer }))?.map((c) => ({
    id: c.id,
    name: c.name,
  }));
  return {
    user: viewer ? { username: viewer.username, role: viewer.role, collections } : null,
    // Signed-out pages only get a token (and its cookie) when they have a form: keeps plain reading cookie-free.
    csrfToken: viewer || opts.withCsrf ? csrfTokenFor(request, reply) : null,
    origin: services.config.server.publicUrl,
    flash: takeFlash(request, reply),
    mailMode: services.mailMode,
    currentPath: (request.method === 'GET' && localRedirectTarget(request.url)) || undefined,
  };
}
