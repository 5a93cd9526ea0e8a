// Collections as HTML pages and form posts: create (optionally saving a paper at once), view, edit, delete, and
// add/remove papers from any card.
import type { FastifyInstance } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import {
  createCollection,
  deleteCollection,
  getCollection,
  setCollectionItem,
  updateCollection,
} from '../../community/collections.usecases.js';
import { requireViewer } from '../../community/viewer.models.js';
import { AppError } from '../../core/errors.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { collectionFeedLinks } from '../feeds/feed-links.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { localRedirectTarget } from '../plugins/redirect-target.js';
import { backPath, wantsJson } from '../plugins/request-context.js';
import { collectionPage, newCollectionPage } from '../views/collection-pages.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';

const collectionInput = (request: Parameters<typeof field>[0]) => ({
  name: field(request, 'name'),
  description: field(request, 'description'),
  isPublic: field(request, 'isPublic') === 'on',
});

export async function collectionRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  const { store } = services;
  const { requireVerifiedEmail } = services.config.community;
  handleCommunityErrors(app);

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

  app.post('/collections', { config: membersOnly }, async (request, reply) => {
    const viewer = request.viewer;
    const input = collectionInput(request);
    const paper = field(request, 'paper');
    let collection: Awaited<ReturnType<typeof createCollection>>;
    try {
      collection = await createCollection({ store, viewer, requireVerifiedEmail, input });
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 401 || error.status >= 500 || wantsJson(request))
        throw error;
      const chrome = await pageChrome(request, reply, services);
      const page = newCollectionPage({
        chrome,
        paper,
        back: localRedirectTarget(field(request, 'back')) ?? undefined,
        ...input,
        error: error.message,
      });
      return sendHtml(reply, page, error.status);
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

  app.get<{ Params: { id: string } }>('/collections/:id', async (request, reply) => {
    const { collection, items, isOwner } = await getCollection({
      store,
      viewer: request.viewer,
      id: request.params.id,
    });
    const notes = await annotateCards({ store, viewer: request.viewer, paperIds: items.map((i) => i.paper.id) });
    const cards = items.map((item) => cardVM(item, undefined, notes));
    const chrome = await pageChrome(request, reply, services);
    const alternateFeeds = collection.isPublic ? collectionFeedLinks(collection) : undefined;
    return sendHtml(reply, collectionPage({ chrome, collection, cards, isOwner, alternateFeeds }));
  });

  app.post<{ Params: { id: string } }>('/collections/:id/edit', { config: membersOnly }, async (request, reply) => {
    const collection = await updateCollection({
      store,
      viewer: request.viewer,
      requireVerifiedEmail,
      id: request.params.id,
      input: collectionInput(request),
    });
    return redirectWithFlash(reply, `/collections/${collection.id}`, {
      kind: 'success',
      text: 'The collection is saved.',
    });
  });

  app.post<{ Params: { id: string } }>('/collections/:id/delete', { config: membersOnly }, async (request, reply) => {
    const collection = await deleteCollection({
      store,
      viewer: request.viewer,
      requireVerifiedEmail,
      id: request.params.id,
    });
    return redirectWithFlash(reply, `/u/${encodeURIComponent(collection.owner)}`, {
      kind: 'success',
      text: `Collection “${collection.name}” deleted.`,
    });
  });

  app.post<{ Params: { id: string } }>('/collections/:id/items', { config: membersOnly }, async (request, reply) => {
    const contains = field(request, 'state') !== 'off';
    const result = await setCollectionItem({
      store,
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
