// Paper submission, votes, comments, authorship claims and listing moderation as HTML form posts. Each answers a
// browser with a redirect (and a flash message) and a JSON-accepting client (app.js) with JSON. One route per
// handler, grouped by what they act on: submit.routes.ts, paper-actions.routes.ts, comment-actions.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { Limiters } from '../plugins/rate-limits.js';
import {
  setupCommentVisibilityRoutes,
  setupDeleteCommentRoute,
  setupEditCommentRoute,
} from './comment-actions.routes.js';
import { handleCommunityErrors } from './community-http.js';
import {
  setupClaimRoute,
  setupListingVisibilityRoutes,
  setupPostCommentRoute,
  setupUnknownPaperActionRoute,
  setupUpvoteRoute,
} from './paper-actions.routes.js';
import { setupSubmitPageRoute, setupSubmitRoute } from './submit.routes.js';

export async function communityRoutes(app: FastifyInstance, deps: { services: Services; limiters: Limiters }) {
  handleCommunityErrors(app);
  setupSubmitPageRoute(app, deps);
  setupSubmitRoute(app, deps);
  setupUpvoteRoute(app, deps);
  setupPostCommentRoute(app, deps);
  setupClaimRoute(app, deps);
  setupListingVisibilityRoutes(app, deps);
  setupUnknownPaperActionRoute(app);
  setupEditCommentRoute(app, deps);
  setupDeleteCommentRoute(app, deps);
  setupCommentVisibilityRoutes(app, deps);
}
