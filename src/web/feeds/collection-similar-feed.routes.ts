// /feeds/collections/{id}/similar.{rss,atom}: new papers (listed in the last two weeks) that a collection's model
// calls alike, newest first. A public collection's feed is public; a private one's needs its owner: their session,
// or the signed token of the feed URL their collection page shows (feed readers carry no cookies). Anyone else
// gets the 404 the collection page itself answers.
import type { FastifyInstance } from 'fastify';
import { collectionNotFound } from '../../community/collections.errors.js';
import { parseId } from '../../community/community.schemas.js';
import { verifySimilarFeedToken } from '../../digest/recommend/collection-feed-token.js';
import { similarToCollection } from '../../digest/recommend/collection-similar.usecases.js';
import type { Services } from '../../services.js';
import { noSuchPage } from '../errors.js';
import type { FeedFormat, FeedSource } from './feed.models.js';
import { FEED_CONTENT_TYPES, renderFeed } from './feed-builder.js';

/** How far back the feed looks for new papers. */
export const SIMILAR_FEED_DAYS = 14;

export function setupCollectionSimilarFeedRoute(app: FastifyInstance, services: Services) {
  const origin = services.config.server.publicUrl.replace(/\/+$/, '');
  app.get<{ Params: { id: string; file: string }; Querystring: { token?: string } }>(
    '/feeds/collections/:id/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const match = /^similar\.(rss|atom)$/.exec(request.params.file);
      if (!match) throw noSuchPage(request.params.file, 'e.g. /feeds/collections/12/similar.rss');
      const format = match[1] as FeedFormat;
      const id = parseId(request.params.id);
      const collection = id ? await services.store.collections.findById(id) : null;
      const token = typeof request.query.token === 'string' ? request.query.token : '';
      const allowed =
        collection !== null &&
        (collection.isPublic ||
          request.viewer?.id === collection.userId ||
          (token !== '' &&
            verifySimilarFeedToken({
              secret: services.secret,
              token,
              collectionId: collection.id,
              ownerId: collection.userId,
            })));
      if (!collection || !allowed) throw collectionNotFound();
      const items = await services.store.collections.items(collection.id);
      const similar = await similarToCollection({
        store: services.store,
        collectionId: collection.id,
        papers: items.map((i) => i.paper),
        days: SIMILAR_FEED_DAYS,
        limit: services.config.feeds.maxItems,
      });
      const entries = similar
        .map((s) => ({ paper: s.paper, date: s.listing.createdAt, submittedBy: s.listing.submittedBy }))
        .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
      const source: FeedSource = {
        title: `New papers like “${collection.name}”`,
        description: `Newly listed papers most like the ones in ${collection.owner}'s collection “${collection.name}”.`,
        pagePath: `/collections/${collection.id}`,
        feedPath: `/feeds/collections/${collection.id}/similar`,
        feedQuery: collection.isPublic || !token ? '' : `?token=${encodeURIComponent(token)}`,
        entries,
        lastModified: null,
      };
      if (!collection.isPublic) reply.header('cache-control', 'private, no-store');
      return reply.type(FEED_CONTENT_TYPES[format]).send(renderFeed({ source, format, origin }));
    },
  );
}
