// Collections as HTML pages and form posts: create (optionally saving a paper at once), view, edit, delete, and
// add/remove papers from any card. One route per handler.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { collectionInvalid } from '../../community/collections.errors.js';
import { collectionSchema } from '../../community/collections.schemas.js';
import {
  createCollection,
  deleteCollection,
  getCollection,
  setCollectionItem,
  updateCollection,
} from '../../community/collections.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { requireViewer, requireWriter } from '../../community/viewer.models.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { setupCollectionSimilarFeedRoute } from '../feeds/collection-similar-feed.routes.js';
import { collectionFeedLinks } from '../feeds/feed-links.js';
import { refusalToShow, renderRefusal } from '../form-refusal.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { localRedirectTarget } from '../plugins/redirect-target.js';
import { backPath, wantsJson } from '../plugins/request-context.js';
import { collectionPage, newCollectionPage } from '../views/collection-pages.js';
import { collectionSimilarVM } from './collection-similar.vm.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';
import { followControl } from './following-control.js';

interface CollectionRouteDeps {
  services: Services;
}

/** The collection form's fields as typed (the checkbox sends "on"). */
const collectionForm = (request: FastifyRequest) => ({
  name: field(request, 'name'),
  description: field(request, 'description'),
  isPublic: field(request, 'isPublic') === 'on',
});

const parseCollectionForm = (request: FastifyRequest) =>
  parseInput(collectionSchema, collectionForm(request), collectionInvalid.code);

export function setupNewCollectionPageRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  app.get<{ Querystring: { paper?: string; back?: string } }>(
    '/collections/new',
    { config: membersOnly },
    async (request, reply) => {
      requireViewer(request.viewer);
      const back = localRedirectTarget(request.query.back) ?? undefined;
      const chrome = await pageChrome(request, reply, services);
      return sendHtml(reply, newCollectionPage({ chrome, paper: request.query.paper?.slice(0, 100), back }));
    },
  );
}

export function setupCreateCollectionRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const { store } = services;
  const { requireVerifiedEmail } = services.config.community;
  app.post('/collections', { config: membersOnly }, async (request, reply) => {
    const paper = field(request, 'paper');
    let collection: Awaited<ReturnType<typeof createCollection>>;
    let viewer: ReturnType<typeof requireWriter>;
    try {
      viewer = requireWriter(request.viewer, { requireVerifiedEmail });
      collection = await createCollection({ store, viewer, requireVerifiedEmail, input: parseCollectionForm(request) });
    } catch (error) {
      const refusal = refusalToShow(error, { request });
      const page = newCollectionPage({
        chrome: await pageChrome(request, reply, services),
        paper,
        back: localRedirectTarget(field(request, 'back')) ?? undefined,
        ...collectionForm(request),
        error: refusal.message,
      });
      return renderRefusal(reply, refusal, page);
    }
    if (paper)
      await setCollectionItem({
        store,
        viewer,
        requireVerifiedEmail,
        id: collection.id,
        arxivId: paper,
        contains: true,
      });
    const to = paper ? backPath(request, paperPath(paper)) : `/collections/${collection.id}`;
    return redirectWithFlash(reply, to, {
      kind: 'success',
      text: `Collection “${collection.name}” created${paper ? ` with ${paper} in it` : ''}.`,
    });
  });
}

export function setupCollectionPageRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const { store } = services;
  app.get<{ Params: { id: string }; Querystring: { undo?: string } }>('/collections/:id', async (request, reply) => {
    const { collection, items, isOwner } = await getCollection({
      store,
      viewer: request.viewer,
      id: request.params.id,
    });
    const notes = await annotateCards({ store, viewer: request.viewer, paperIds: items.map((i) => i.paper.id) });
    const cards = items.map((item) => cardVM(item, undefined, notes));
    const chrome = await pageChrome(request, reply, services);
    const alternateFeeds = collection.isPublic ? collectionFeedLinks(collection) : undefined;
    const follow =
      collection.isPublic && !isOwner
        ? await followControl({
            request,
            services,
            chrome,
            target: { kind: 'collection', key: String(collection.id) },
            name: collection.name,
          })
        : undefined;
    const similar = await collectionSimilarVM({
      services,
      viewer: request.viewer,
      collection,
      items,
      undoArxivId: request.query.undo,
    });
    return sendHtml(reply, collectionPage({ chrome, collection, cards, isOwner, alternateFeeds, follow, similar }));
  });
}

export function setupEditCollectionRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const { requireVerifiedEmail } = services.config.community;
  app.post<{ Params: { id: string } }>('/collections/:id/edit', { config: membersOnly }, async (request, reply) => {
    const viewer = requireWriter(request.viewer, { requireVerifiedEmail });
    const collection = await updateCollection({
      store: services.store,
      viewer,
      requireVerifiedEmail,
      id: request.params.id,
      input: parseCollectionForm(request),
    });
    return redirectWithFlash(reply, `/collections/${collection.id}`, {
      kind: 'success',
      text: 'The collection is saved.',
    });
  });
}

export function setupDeleteCollectionRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const { requireVerifiedEmail } = services.config.community;
  app.post<{ Params: { id: string } }>('/collections/:id/delete', { config: membersOnly }, async (request, reply) => {
    const collection = await deleteCollection({
      store: services.store,
      viewer: request.viewer,
      requireVerifiedEmail,
      id: request.params.id,
    });
    return redirectWithFlash(reply, `/u/${encodeURIComponent(collection.owner)}`, {
      kind: 'success',
      text: `Collection “${collection.name}” deleted.`,
    });
  });
}

export function setupCollectionItemRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const { requireVerifiedEmail } = services.config.community;
  app.post<{ Params: { id: string } }>('/collections/:id/items', { config: membersOnly }, async (request, reply) => {
    const contains = field(request, 'state') !== 'off';
    const result = await setCollectionItem({
      store: services.store,
      viewer: request.viewer,
      requireVerifiedEmail,
      id: request.params.id,
      arxivId: field(request, 'paper'),
      contains,
    });
    if (wantsJson(request))
      return { collectionId: result.collection.id, contains: result.contains, changed: result.changed };
    const text = contains ? `Saved in “${result.collection.name}”.` : `Removed from “${result.collection.name}”.`;
    return redirectWithFlash(reply, backPath(request, paperPath(result.paper.arxivId)), { kind: 'success', text });
  });
}

export async function collectionRoutes(app: FastifyInstance, deps: CollectionRouteDeps) {
  handleCommunityErrors(app);
  setupNewCollectionPageRoute(app, deps);
  setupCreateCollectionRoute(app, deps);
  setupCollectionPageRoute(app, deps);
  setupEditCollectionRoute(app, deps);
  setupDeleteCollectionRoute(app, deps);
  setupCollectionItemRoute(app, deps);
  setupCollectionSimilarFeedRoute(app, deps.services);
}
