// GET /api/v1/notifications (newest first, keyset pages) and POST /api/v1/notifications/read (some or all).
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { requireViewer } from '../../community/viewer.models.js';
import { describeNotification } from '../../notifications/notification-text.js';
import { notificationsInvalidInput } from '../../notifications/notifications.errors.js';
import type { StoredNotification } from '../../notifications/notifications.models.js';
import { notificationListQuerySchema, notificationReadBodySchema } from '../../notifications/notifications.schemas.js';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadNotificationCount,
} from '../../notifications/notifications.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { members } from './content-api.js';

const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    read: { type: 'boolean' },
    summary: { type: 'string' },
    url: { type: 'string' },
    data: { type: 'object', additionalProperties: true },
  },
} as const;

function toJson(n: StoredNotification, origin: string) {
  const text = describeNotification(n);
  return {
    id: n.id,
    kind: n.kind,
    createdAt: n.createdAt,
    read: n.readAt !== null,
    summary: text.summary,
    url: `${origin}${text.path}`,
    data: n.data,
  };
}

function setupListNotificationsRoute(app: FastifyInstance, services: Services) {
  app.get(
    '/api/v1/notifications',
    {
      config: members,
      ...validated(
        { querystring: notificationListQuerySchema },
        {
          code: notificationsInvalidInput.code,
          extra: {
            tags: ['community'],
            summary: 'Your notifications, newest first (pass nextBefore as before for older ones)',
            response: {
              200: {
                type: 'object',
                properties: {
                  unread: { type: 'integer' },
                  nextBefore: { type: ['integer', 'null'] },
                  newestId: { type: ['integer', 'null'] },
                  notifications: { type: 'array', items: notificationSchema },
                },
              },
              ...refusals,
            },
          },
        },
      ),
    },
    async (request, reply) => {
      const { before, limit } = request.query as z.output<typeof notificationListQuerySchema>;
      const { id: userId } = requireViewer(request.viewer);
      const page = await listNotifications({ store: services.store, userId, before, limit });
      reply.header('cache-control', 'private, no-store');
      const origin = services.config.server.publicUrl.replace(/\/+$/, '');
      return {
        unread: page.unread,
        nextBefore: page.nextBefore,
        newestId: page.newestId,
        notifications: page.items.map((n) => toJson(n, origin)),
      };
    },
  );
}

function setupMarkNotificationsReadRoute(app: FastifyInstance, services: Services) {
  app.post(
    '/api/v1/notifications/read',
    {
      config: members,
      ...validated(
        { body: notificationReadBodySchema },
        {
          code: notificationsInvalidInput.code,
          extra: {
            tags: ['community'],
            summary: 'Mark notifications read: some by id, or all (up to an id)',
            response: { 200: { type: 'object', properties: { unread: { type: 'integer' } } }, ...refusals },
          },
        },
      ),
    },
    async (request) => {
      const body = request.body as z.output<typeof notificationReadBodySchema>;
      const { id: userId } = requireViewer(request.viewer);
      const { store } = services;
      if (body.all) await markAllNotificationsRead({ store, userId, upToId: body.upTo });
      for (const id of body.ids ?? []) await markNotificationRead({ store, userId, id });
      return { unread: await unreadNotificationCount({ store, userId }) };
    },
  );
}

export async function notificationsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  setupListNotificationsRoute(app, services);
  setupMarkNotificationsReadRoute(app, services);
}
