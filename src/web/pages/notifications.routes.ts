// /notifications (list, mark one read, mark all read), /settings/notifications (e-mail per kind) and the signed
// one-click unsubscribe of notification mails. One `setup…Route` per route; each hands the viewer's id to a use case.
import type { FastifyInstance } from 'fastify';
import { accountOf } from '../../community/accounts.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { requireViewer } from '../../community/viewer.models.js';
import { describeNotification } from '../../notifications/notification-text.js';
import { notificationsInvalidInput } from '../../notifications/notifications.errors.js';
import { markAllFormSchema, notificationListQuerySchema } from '../../notifications/notifications.schemas.js';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationMailPreferences,
  saveNotificationMailPreferences,
  unsubscribeByLink,
  unsubscribeLinkTarget,
} from '../../notifications/notifications.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import {
  notificationSettingsPage,
  notificationsPage,
  notificationUnsubscribedPage,
  notificationUnsubscribePage,
} from '../views/notifications.js';
import { handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { linkRefusedPage } from './digest-link-refused.js';

const PAGE_SIZE = 30;
const LIST = '/notifications';
const SETTINGS = '/settings/notifications';
const routeOptions = { schema: { hide: true }, config: membersOnly } as const;

interface Ctx {
  app: FastifyInstance;
  services: Services;
}

function setupNotificationsPageRoute({ app, services }: Ctx) {
  app.get<{ Querystring: Record<string, string> }>(LIST, routeOptions, async (request, reply) => {
    const { id: userId } = requireViewer(request.viewer);
    const { before } = parseInput(
      notificationListQuerySchema,
      { before: request.query.before || undefined },
      notificationsInvalidInput.code,
    );
    const result = await listNotifications({ store: services.store, userId, before, limit: PAGE_SIZE });
    const chrome = await pageChrome(request, reply, services);
    const page = notificationsPage({
      chrome,
      items: result.items.map((n) => ({
        id: n.id,
        text: describeNotification(n),
        createdAt: n.createdAt,
        read: n.readAt !== null,
      })),
      unread: result.unread,
      olderHref: result.nextBefore === null ? null : `${LIST}?before=${result.nextBefore}`,
      first: before === undefined,
      newestId: result.newestId,
    });
    return sendHtml(reply, page);
  });
}

function setupMarkReadRoute({ app, services }: Ctx) {
  app.post<{ Params: { id: string } }>(`${LIST}/:id/read`, routeOptions, async (request, reply) => {
    const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : 0;
    await markNotificationRead({ store: services.store, userId: requireViewer(request.viewer).id, id });
    return reply.redirect(`${LIST}#notification-${id}`, 303);
  });
}

function setupMarkAllReadRoute({ app, services }: Ctx) {
  app.post(`${LIST}/read-all`, routeOptions, async (request, reply) => {
    const { upTo } = parseInput(markAllFormSchema, request.body ?? {}, notificationsInvalidInput.code);
    const marked = await markAllNotificationsRead({
      store: services.store,
      userId: requireViewer(request.viewer).id,
      upToId: upTo,
    });
    const text = marked === 1 ? '1 notification marked read.' : `${marked} notifications marked read.`;
    return redirectWithFlash(reply, LIST, { kind: 'success', text });
  });
}

function setupSettingsPageRoute({ app, services }: Ctx) {
  app.get(SETTINGS, routeOptions, async (request, reply) => {
    const user = await accountOf({ deps: services, viewer: request.viewer });
    const prefs = await notificationMailPreferences({ store: services.store, userId: user.id });
    const chrome = await pageChrome(request, reply, services);
    return sendHtml(reply, notificationSettingsPage({ chrome, prefs, email: user.email }));
  });
}

function setupSaveSettingsRoute({ app, services }: Ctx) {
  app.post(SETTINGS, routeOptions, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const enabled = new Set(
      Object.keys(body)
        .filter((k) => k.startsWith('mail_') && body[k] === 'on')
        .map((k) => k.slice('mail_'.length)),
    );
    await saveNotificationMailPreferences({ store: services.store, userId: requireViewer(request.viewer).id, enabled });
    return redirectWithFlash(reply, SETTINGS, {
      kind: 'success',
      text: 'Your notification e-mail settings are saved.',
    });
  });
}

const SETTINGS_LINK = [{ href: SETTINGS, text: 'Notification settings' }];

function unsubscribeAction(query: { kinds?: string; token?: string }) {
  return `${LIST}/unsubscribe?kinds=${encodeURIComponent(String(query.kinds ?? ''))}&token=${encodeURIComponent(String(query.token ?? ''))}`;
}

function setupUnsubscribePageRoute({ app, services }: Ctx) {
  app.get<{ Querystring: { kinds?: string; token?: string } }>(
    `${LIST}/unsubscribe`,
    { schema: { hide: true } },
    async (request, reply) => {
      try {
        const target = await unsubscribeLinkTarget({
          store: services.store,
          secret: services.secret,
          token: String(request.query.token ?? ''),
          kinds: String(request.query.kinds ?? ''),
        });
        const chrome = await pageChrome(request, reply, services, { withCsrf: true });
        return sendHtml(
          reply,
          notificationUnsubscribePage({ chrome, action: unsubscribeAction(request.query), ...target }),
        );
      } catch (error) {
        return linkRefusedPage(services, request, reply, error, SETTINGS_LINK);
      }
    },
  );
}

// RFC 8058 one-click: mail providers POST "List-Unsubscribe=One-Click" to the header's URL, without cookies or a
// CSRF token; the page's button posts the same way. The signed token is the proof; repeating it is harmless.
function setupUnsubscribeRoute({ app, services }: Ctx) {
  app.post<{ Querystring: { kinds?: string; token?: string } }>(
    `${LIST}/unsubscribe`,
    { schema: { hide: true }, config: { csrf: false } },
    async (request, reply) => {
      try {
        const done = await unsubscribeByLink({
          store: services.store,
          secret: services.secret,
          token: String(request.query.token ?? ''),
          kinds: String(request.query.kinds ?? ''),
        });
        const chrome = await pageChrome(request, reply, services, { withCsrf: true });
        return sendHtml(reply, notificationUnsubscribedPage({ chrome, ...done }));
      } catch (error) {
        return linkRefusedPage(services, request, reply, error, SETTINGS_LINK);
      }
    },
  );
}

export async function notificationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  handleCommunityErrors(app);
  const ctx = { app, services };
  setupNotificationsPageRoute(ctx);
  setupMarkReadRoute(ctx);
  setupMarkAllReadRoute(ctx);
  setupSettingsPageRoute(ctx);
  setupSaveSettingsRoute(ctx);
  setupUnsubscribePageRoute(ctx);
  setupUnsubscribeRoute(ctx);
}
