// The collections API: create, read (private ones only for their owner), change, delete, add and remove papers.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { collectionInvalid } from '../../community/collections.errors.js';
import { collectionItemSchema, collectionSchema } from '../../community/collections.schemas.js';
import {
  createCollection,
  deleteCollection,
  getCollection,
  setCollectionItem,
  updateCollection,
} from '../../community/collections.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
import { collectionToJson, collectionWithPapersSchema, refusals } from './community.schema.js';
import { idParamsSchema, members, REQUEST_INVALID, writerFirst } from './content-api.js';
import { paperToJson } from './paper.schema.js';

interface CollectionRouteDeps {
  services: Services;
}

type IdParams = z.output<typeof idParamsSchema>;
type CollectionBody = z.output<typeof collectionSchema>;

const writeRules = (services: Services) => ({ requireVerifiedEmail: services.config.community.requireVerifiedEmail });

export function setupCreateCollectionApiRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const rules = writeRules(services);
  app.post(
    '/api/v1/collections',
    {
      config: members,
      preValidation: writerFirst(rules),
      ...validated(
        { body: collectionSchema },
        {
          code: collectionInvalid.code,
          extra: {
            tags: ['community'],
            summary: 'Create a collection',
            response: { 201: { $ref: 'Collection#' }, ...refusals },
          },
        },
      ),
    },
    async (request, reply) => {
      const collection = await createCollection({
        store: services.store,
        viewer: request.viewer,
        ...rules,
        input: request.body as CollectionBody,
      });
      return reply.status(201).send(collectionToJson(collection));
    },
  );
}

export function setupGetCollectionApiRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  app.get(
    '/api/v1/collections/:id',
    validated(
      { params: idParamsSchema },
      {
        code: REQUEST_INVALID,
        extra: {
          tags: ['community'],
          summary: 'A collection and its papers (private ones only for their owner)',
          response: { 200: collectionWithPapersSchema, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
        },
      },
    ),
    async (request) => {
      const { id } = request.params as IdParams;
      const { collection, items } = await getCollection({ store: services.store, viewer: request.viewer, id });
      return {
        collection: collectionToJson(collection),
        papers: items.map((i) => ({ paper: paperToJson(i.paper), addedAt: i.addedAt })),
      };
    },
  );
}

export function setupUpdateCollectionApiRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const rules = writeRules(services);
  app.patch(
    '/api/v1/collections/:id',
    {
      config: members,
      preValidation: writerFirst(rules),
      // A malformed id is still a bad request (its issue names request.invalid); a bad body has the collections' code.
      ...validated(
        { params: idParamsSchema, body: collectionSchema },
        {
          code: collectionInvalid.code,
          extra: {
            tags: ['community'],
            summary: 'Rename or change a collection',
            response: { 200: { $ref: 'Collection#' }, ...refusals },
          },
        },
      ),
    },
    async (request) => {
      const { id } = request.params as IdParams;
      const collection = await updateCollection({
        store: services.store,
        viewer: request.viewer,
        ...rules,
        id,
        input: request.body as CollectionBody,
      });
      return collectionToJson(collection);
    },
  );
}

export function setupDeleteCollectionApiRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const rules = writeRules(services);
  app.delete(
    '/api/v1/collections/:id',
    {
      config: members,
      ...validated(
        { params: idParamsSchema },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Delete a collection',
            response: { 204: { type: 'null' }, ...refusals },
          },
        },
      ),
    },
    async (request, reply) => {
      const { id } = request.params as IdParams;
      await deleteCollection({ store: services.store, viewer: request.viewer, ...rules, id });
      return reply.status(204).send();
    },
  );
}

export function setupCollectionItemApiRoute(app: FastifyInstance, { services }: CollectionRouteDeps) {
  const rules = writeRules(services);
  app.post(
    '/api/v1/collections/:id/items',
    {
      config: members,
      preValidation: writerFirst(rules),
      ...validated(
        { params: idParamsSchema, body: collectionItemSchema },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Add (contains: true) or remove a paper',
            response: {
              200: { type: 'object', properties: { contains: { type: 'boolean' }, changed: { type: 'boolean' } } },
              ...refusals,
            },
          },
        },
      ),
    },
    async (request) => {
      const { id } = request.params as IdParams;
      const body = request.body as z.output<typeof collectionItemSchema>;
      const { contains, changed } = await setCollectionItem({
        store: services.store,
        viewer: request.viewer,
        ...rules,
        id,
        arxivId: body.paper,
        contains: body.contains,
      });
      return { contains, changed };
    },
  );
}
