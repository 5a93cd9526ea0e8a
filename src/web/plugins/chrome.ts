// The per-request page chrome: who is signed in (with their collections, for save menus), the CSRF token for
// forms, and the flash message left by the previous form post. Every HTML route builds its ChromeVM here.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectionsOfViewer } from '../../community/collections.usecases.js';
import { unreadNotificationCount } from '../../notifications/notifications.usecases.js';
import type { Services } from '../../services.js';
import type { ChromeVM } from '../views/view-models.js';
import type { ViewerSlots } from '../views/viewer-parts.js';
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
  const [viewerCollections, unreadNotifications] = await Promise.all([
    collectionsOfViewer({ store: services.store, viewer }),
    viewer ? unreadNotificationCount({ store: services.store, userId: viewer.id }) : undefined,
  ]);
  const collections = viewerCollections?.map((c) => ({ id: c.id, name: c.name }));
  return {
    user: viewer ? { username: viewer.username, role: viewer.role, collections, unreadNotifications } : null,
    // Signed-out pages only get a token (and its cookie) when they have a form: keeps plain reading cookie-free.
    csrfToken: viewer || opts.withCsrf ? csrfTokenFor(request, reply) : null,
    origin: services.config.server.publicUrl,
    flash: takeFlash(request, reply),
    mailMode: services.mailMode,
    currentPath: (request.method === 'GET' && localRedirectTarget(request.url)) || undefined,
  };
}

/**
 * The chrome of a page rendered once for all its readers (web/pages/shared-pages.ts): pageChrome's fields that are
 * the same for every reader of the URL, no reader (no user, CSRF token or flash), and the recorder of the reader's
 * parts. Nothing of the request's reader is read here, and no cookie is set.
 */
export function templateChrome(request: FastifyRequest, services: Services, slots: ViewerSlots): ChromeVM {
  return {
    user: null,
    csrfToken: null,
    origin: services.config.server.publicUrl,
    flash: null,
    mailMode: services.mailMode,
    currentPath: (request.method === 'GET' && localRedirectTarget(request.url)) || undefined,
    template: slots,
  };
}
