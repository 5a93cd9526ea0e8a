// Collections: named lists of papers, public or private. Private ones are invisible to everyone but their owner
// (404, not 403, so their existence does not leak); only the owner changes a collection.
import { findPaper } from '../papers/papers.usecases.js';
import { isUniqueViolation } from '../store/sql-helpers.js';
import type { Store } from '../store/store.js';
import { collectionForbidden, collectionNameTaken, collectionNotFound } from './collections.errors.js';
import type { StoredCollection } from './collections.models.js';
import type { CollectionInput } from './collections.schemas.js';
import { parseId } from './community.schemas.js';
import { requireWriter, type Viewer } from './viewer.models.js';

interface WriteOpts {
  store: Store;
  viewer: Viewer | null;
  requireVerifiedEmail: boolean;
  now?: Date;
}

/** `input` is already valid (collections.schemas.ts). */
export async function createCollection(opts: WriteOpts & { input: CollectionInput }): Promise<StoredCollection> {
  const viewer = requireWriter(opts.viewer, opts);
  const { input } = opts;
  const now = (opts.now ?? new Date()).toISOString();
  try {
    const id = await opts.store.collections.create({ userId: viewer.id, ...input, now });
    return (await opts.store.collections.findById(id))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw collectionNameTaken(input.name);
    throw error;
  }
}

/** A collection the viewer may see. */
export async function getCollection(opts: { store: Store; viewer: Viewer | null; id: unknown }) {
  const id = parseId(opts.id);
  const collection = id ? await opts.store.collections.findById(id) : null;
  if (!collection || (!collection.isPublic && collection.userId !== opts.viewer?.id)) {
    throw collectionNotFound();
  }
  const items = await opts.store.collections.items(collection.id);
  return { collection, items, isOwner: collection.userId === opts.viewer?.id };
}

async function ownCollection(opts: WriteOpts & { id: unknown }): Promise<StoredCollection> {
  const viewer = requireWriter(opts.viewer, opts);
  const { collection } = await getCollection({ store: opts.store, viewer, id: opts.id });
  if (collection.userId !== viewer.id) throw collectionForbidden();
  return collection;
}

export async function updateCollection(
  opts: WriteOpts & { id: unknown; input: CollectionInput },
): Promise<StoredCollection> {
  const collection = await ownCollection(opts);
  const { input } = opts;
  try {
    await opts.store.collections.update(collection.id, { ...input, now: (opts.now ?? new Date()).toISOString() });
  } catch (error) {
    if (isUniqueViolation(error)) throw collectionNameTaken(input.name);
    throw error;
  }
  return (await opts.store.collections.findById(collection.id))!;
}

export async function deleteCollection(opts: WriteOpts & { id: unknown }): Promise<StoredCollection> {
  const collection = await ownCollection(opts);
  await opts.store.collections.delete(collection.id);
  return collection;
}

/** Adds (`contains: true`) or removes a paper; repeating either is harmless. */
export async function setCollectionItem(opts: WriteOpts & { id: unknown; arxivId: string; contains: boolean }) {
  const collection = await ownCollection(opts);
  const paper = await findPaper(opts.store, opts.arxivId);
  const changed = opts.contains
    ? await opts.store.collections.addPaper(collection.id, paper.id, (opts.now ?? new Date()).toISOString())
    : await opts.store.collections.removePaper(collection.id, paper.id);
  return { collection, paper, contains: opts.contains, changed };
}

/** The viewer's own collections (names for the header's menu); none for a signed-out reader. */
export async function collectionsOfViewer(opts: { store: Store; viewer: Viewer | null }) {
  if (!opts.viewer) return undefined;
  return opts.store.collections.listByUser(opts.viewer.id, { includePrivate: true });
}

/** The viewer's collections and, for each paper, which of them hold it: the save menus on cards. */
export async function saveMenus(opts: { store: Store; viewer: Viewer | null; paperIds: number[] }) {
  if (!opts.viewer) return { collections: [], membership: new Map<number, Set<number>>() };
  const [collections, membership] = await Promise.all([
    opts.store.collections.listByUser(opts.viewer.id, { includePrivate: true }),
    opts.store.collections.containing(opts.viewer.id, opts.paperIds),
  ]);
  return { collections, membership };
}
