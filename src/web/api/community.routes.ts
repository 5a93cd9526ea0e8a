// The community JSON API under /api/v1: submissions, votes, comments and collections, one handler per route in
// their resource files. Authenticated by a personal API token (`Authorization: Bearer`, no CSRF token needed) or the
// session cookie (see resolveAuth in web/plugins/session-cookie.ts); cookie-authenticated writes carry the CSRF
// token from GET /api/v1/session (accounts.routes.ts) in the x-csrf-token header.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { Limiters } from '../plugins/rate-limits.js';
import {
  setupCollectionItemApiRoute,
  setupCreateCollectionApiRoute,
  setupDeleteCollectionApiRoute,
  setupGetCollectionApiRoute,
  setupUpdateCollectionApiRoute,
} from './collections.routes.js';
import {
  setupDeleteCommentApiRoute,
  setupEditCommentApiRoute,
  setupGetThreadRoute,
  setupPostCommentApiRoute,
} from './comments.routes.js';
import { setupFeedbackApiRoutes } from './feedback.routes.js';
import { setupSubmitPaperRoute } from './submissions.routes.js';
import { setupSetVoteRoute } from './votes.routes.js';

export async function communityApiRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  // Answers depend on who asks: never stored by shared caches.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });
  setupSubmitPaperRoute(app, opts);
  setupSetVoteRoute(app, opts);
  setupGetThreadRoute(app, opts);
  setupPostCommentApiRoute(app, opts);
  setupEditCommentApiRoute(app, opts);
  setupDeleteCommentApiRoute(app, opts);
  setupCreateCollectionApiRoute(app, opts);
  setupGetCollectionApiRoute(app, opts);
  setupUpdateCollectionApiRoute(app, opts);
  setupDeleteCollectionApiRoute(app, opts);
  setupCollectionItemApiRoute(app, opts);
  setupFeedbackApiRoutes(app, opts);
}
