// /feeds/following/{token}.{rss,atom}: a reader's /following as a feed, for feed readers that carry no cookie. The
// token (follows/feed-token.usecases.ts) names the reader; a malformed, forged, rotated or revoked one is the same
// 404 as a feed that never existed. The answer is private: never stored by shared caches, never indexed.
import type { FastifyInstance } from 'fastify';
import { readerOfFeedToken } from '../../follows/feed-token.usecases.js';
import { getFollowingPapers, reasonText } from '../../follows/following.usecases.js';
import type { Services } from '../../services.js';
import { noSuchPage } from '../errors.js';
import { FOLLOWING_FEED_PATH } from '../pages/following-feed-urls.js';
import type { FeedFormat, FeedSource } from './feed.models.js';
import { FEED_CONTENT_TYPES, renderFeed } from './feed-builder.js';

const FILE = /^([0-9A-Za-z_.-]{1,200})\.(rss|atom)$/;

export async function followingFeedRoutes(
  app: FastifyInstance,
  opts: { services: Services; origin: string; maxItems: number },
) {
  const { services } = opts;
  app.get<{ Params: { file: string } }>(
    `${FOLLOWING_FEED_PATH}/:file`,
    { schema: { hide: true } },
    async (request, reply) => {
      const match = FILE.exec(request.params.file);
      const userId = match
        ? await readerOfFeedToken({ store: services.store, secret: services.secret, token: match[1]! })
        : null;
      if (!match || userId === null)
        throw noSuchPage(request.url, 'There is no such feed (its address may have been replaced).');
      const [, token, format] = match as unknown as [string, string, FeedFormat];
      const result = await getFollowingPapers({
        store: services.store,
        search: services.search,
        userId,
        page: 1,
        pageSize: opts.maxItems,
      });
      const source: FeedSource = {
        title: 'New from what you follow',
        description: `Papers of the last ${result.windowDays} days by the authors, in the categories, collections and saved searches you follow.`,
        pagePath: '/following',
        feedPath: `${FOLLOWING_FEED_PATH}/${token}`,
        feedQuery: '',
        entries: result.items.map((item) => ({
          paper: item.paper,
          date: item.at,
          note: `Here because: ${item.reasons.map(reasonText).join(' · ')}`,
        })),
        lastModified: null,
      };
      return reply
        .type(FEED_CONTENT_TYPES[format])
        .header('cache-control', 'private, no-cache')
        .header('x-robots-tag', 'noindex')
        .send(renderFeed({ source, format, origin: opts.origin }));
    },
  );
}
