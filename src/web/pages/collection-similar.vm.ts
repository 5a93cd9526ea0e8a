// The "More like this collection" section of a collection page: ranked by the collection's own model, cards
// annotated for the viewer (votes, save menus), and the feed of new similar papers — public for a public
// collection, a tokenised private URL for the owner of a private one.
import { annotateCards } from '../../community/cards.usecases.js';
import type { CollectionItem, StoredCollection } from '../../community/collections.models.js';
import type { Viewer } from '../../community/viewer.models.js';
import { similarFeedToken } from '../../digest/recommend/collection-feed-token.js';
import { similarToCollection } from '../../digest/recommend/collection-similar.usecases.js';
import type { Services } from '../../services.js';
import type { CollectionSimilarVM } from '../views/collection-similar.js';
import type { FeedLinkVM } from '../views/view-models.js';
import { cardVM } from './daily.vm.js';

/** The page's list: the best of the last four weeks' listings. */
export const SIMILAR_PAGE_DAYS = 28;
const SIMILAR_PAGE_LIMIT = 10;

export function similarFeedLinks(opts: {
  secret: string;
  collection: Pick<StoredCollection, 'id' | 'name' | 'isPublic' | 'userId'>;
}): FeedLinkVM[] {
  const { collection: c } = opts;
  const query = c.isPublic
    ? ''
    : `?token=${encodeURIComponent(similarFeedToken({ secret: opts.secret, collectionId: c.id, ownerId: c.userId }))}`;
  const path = `/feeds/collections/${c.id}/similar`;
  const title = `New papers like “${c.name}”`;
  return [
    { title: `${title} (RSS)`, href: `${path}.rss${query}`, type: 'application/rss+xml' },
    { title: `${title} (Atom)`, href: `${path}.atom${query}`, type: 'application/atom+xml' },
  ];
}

export async function collectionSimilarVM(opts: {
  services: Services;
  viewer: Viewer | null;
  collection: StoredCollection;
  items: CollectionItem[];
  undoArxivId?: string;
}): Promise<CollectionSimilarVM | undefined> {
  const { services, viewer, collection } = opts;
  if (opts.items.length === 0) return undefined;
  const { store } = services;
  const similar = await similarToCollection({
    store,
    collectionId: collection.id,
    papers: opts.items.map((i) => i.paper),
    days: SIMILAR_PAGE_DAYS,
    limit: SIMILAR_PAGE_LIMIT,
    viewerId: viewer?.id ?? null,
  });
  const notes = await annotateCards({ store, viewer, paperIds: similar.map((s) => s.paper.id) });
  const undoPaper = opts.undoArxivId && viewer ? await store.papers.findByArxivId(opts.undoArxivId) : null;
  const undone =
    undoPaper &&
    (await store.paperFeedback.amongForUsers([viewer!.id], [undoPaper.id], 'not_interested')).has(viewer!.id);
  return {
    collectionId: collection.id,
    cards: similar.map((s) => cardVM(s, undefined, notes)),
    // A private collection's feed is its owner's alone.
    feeds:
      collection.isPublic || viewer?.id === collection.userId
        ? similarFeedLinks({ secret: services.secret, collection })
        : [],
    undo: undone ? { arxivId: undoPaper!.arxivId, title: undoPaper!.title } : null,
  };
}
