// Everything of following the web serves, registered with one line in server.ts: the pages and form posts
// (/following, /following/manage, POST /follows, POST /following/feed), the category pages, the private feed and the
// JSON API. Each is its own plugin, so the pages' form error handling stays out of the API and the feed.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { followsApiRoutes } from '../api/follows.routes.js';
import { followingFeedRoutes } from '../feeds/following-feed.routes.js';
import { categoryRoutes } from './categories.routes.js';
import { followingRoutes } from './following.routes.js';

export async function followingWebRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { services, origin } = opts;
  await app.register(followsApiRoutes, { services });
  await app.register(followingFeedRoutes, { services, origin, maxItems: services.config.feeds.maxItems });
  await app.register(followingRoutes, { services });
  await app.register(categoryRoutes, { services });
}
