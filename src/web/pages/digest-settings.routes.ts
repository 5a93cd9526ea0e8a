// Signed-in digest pages: /settings/digest (subscribe, preferences, saved searches, leave), the search page's
// "alert me" for accounts, the "For you" tab, and the operator's /admin/outbox. One `setup…Route` per route; each
// hands the viewer's id to a use case and renders what comes back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { requireAdmin, requireViewer } from '../../community/viewer.models.js';
import { rethrowUnlessRefusal } from '../../core/errors.js';
import {
  accountDigest,
  ensureAccountSubscription,
  removeAccountSavedSearch,
  subscribeAccountById,
  unsubscribeAccount,
} from '../../digest/account-digest.usecases.js';
import { parsePreferences, parseSavedSearch, parseSavedSearchId } from '../../digest/digest.schemas.js';
import { forYou } from '../../digest/for-you.usecases.js';
import { outboxOverview } from '../../digest/outbox-overview.usecases.js';
import { addSavedSearch, savePreferences } from '../../digest/preferences.usecases.js';
import { notInterestedPapers } from '../../digest/recommend/feedback.usecases.js';
import type { SubscriptionDeps } from '../../digest/subscriptions.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { backPath } from '../plugins/request-context.js';
import { accountDigestPage, forYouPage, outboxPage } from '../views/digest-settings.js';
import { MAIL_OFF_NOTHING_SENT } from '../views/mail-off.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';
import { setupNotInterestedRoute } from './recommendation-feedback.routes.js';

const SETTINGS = '/settings/digest';
const routeOptions = { schema: { hide: true }, config: membersOnly } as const;

interface SettingsContext {
  app: FastifyInstance;
  services: Services;
  deps: SubscriptionDeps;
}

/** The settings page, with `error` (a refusal of the posted form) shown above the form it refused. */
async function showSettings(
  { services }: SettingsContext,
  request: FastifyRequest,
  reply: FastifyReply,
  error?: string,
) {
  const { id: userId } = requireViewer(request.viewer);
  const chrome = await pageChrome(request, reply, services);
  const { email, subscription, savedSearches } = await accountDigest({ store: services.store, userId });
  const form = subscription && {
    csrfToken: chrome.csrfToken,
    subscription,
    savedSearches,
    actions: {
      save: SETTINGS,
      addSearch: `${SETTINGS}/searches`,
      removeSearch: (id: number) => `${SETTINGS}/searches/${id}/delete`,
    },
    hasAccount: true,
    error,
  };
  return sendHtml(reply, accountDigestPage({ chrome, form, email }), error ? 400 : 200);
}

// Without a mail transport nothing here could ever be sent: the page offers feeds, and these writes change nothing.
function mailIsOff({ services }: SettingsContext, request: FastifyRequest, reply: FastifyReply) {
  return services.mailMode === 'none'
    ? redirectWithFlash(reply, backPath(request, SETTINGS), { kind: 'info', text: MAIL_OFF_NOTHING_SENT })
    : null;
}

function setupSettingsPageRoute(ctx: SettingsContext) {
  ctx.app.get(SETTINGS, routeOptions, (request, reply) => showSettings(ctx, request, reply));
}

function setupSubscribeAccountRoute(ctx: SettingsContext) {
  ctx.app.post(`${SETTINGS}/subscribe`, routeOptions, async (request, reply) => {
    if (mailIsOff(ctx, request, reply)) return reply;
    const subscription = await subscribeAccountById({ deps: ctx.deps, userId: requireViewer(request.viewer).id });
    const text =
      subscription.status === 'confirmed'
        ? `Subscribed: digests go to ${subscription.email}.`
        : `We sent a confirmation link to ${subscription.email}; digests start once you open it.`;
    return redirectWithFlash(reply, SETTINGS, { kind: 'success', text });
  });
}

function setupSavePreferencesRoute(ctx: SettingsContext) {
  ctx.app.post(SETTINGS, routeOptions, async (request, reply) => {
    if (mailIsOff(ctx, request, reply)) return reply;
    try {
      // The subscription first, as the form it re-renders with a refusal needs one.
      const subscription = await ensureAccountSubscription({
        deps: ctx.deps,
        userId: requireViewer(request.viewer).id,
      });
      await savePreferences({ store: ctx.services.store, subscription, preferences: parsePreferences(request.body) });
    } catch (error) {
      rethrowUnlessRefusal(error);
      return showSettings(ctx, request, reply, error.message);
    }
    return redirectWithFlash(reply, SETTINGS, { kind: 'success', text: 'Your digest preferences are saved.' });
  });
}

function setupUnsubscribeAccountRoute(ctx: SettingsContext) {
  ctx.app.post(`${SETTINGS}/unsubscribe`, routeOptions, async (request, reply) => {
    await unsubscribeAccount({ store: ctx.services.store, userId: requireViewer(request.viewer).id });
    return redirectWithFlash(reply, SETTINGS, { kind: 'info', text: 'You are unsubscribed: no more digests.' });
  });
}

// "Alert me" on the search page posts here (with `back`), as does the form on the settings page.
function setupAddSavedSearchRoute(ctx: SettingsContext) {
  ctx.app.post(`${SETTINGS}/searches`, routeOptions, async (request, reply) => {
    if (mailIsOff(ctx, request, reply)) return reply;
    const subscription = await ensureAccountSubscription({ deps: ctx.deps, userId: requireViewer(request.viewer).id });
    const search = parseSavedSearch(request.body);
    const added = await addSavedSearch({ store: ctx.services.store, subscription, search });
    const text = added
      ? `Saved: new papers matching “${field(request, 'query').trim()}” will be in your digest.`
      : 'You already saved that search.';
    return redirectWithFlash(reply, backPath(request, SETTINGS), { kind: 'success', text });
  });
}

function setupRemoveSavedSearchRoute(ctx: SettingsContext) {
  ctx.app.post<{ Params: { id: string } }>(`${SETTINGS}/searches/:id/delete`, routeOptions, async (request, reply) => {
    const userId = requireViewer(request.viewer).id;
    await removeAccountSavedSearch({ store: ctx.services.store, userId, id: parseSavedSearchId(request.params.id) });
    return redirectWithFlash(reply, SETTINGS, { kind: 'success', text: 'The saved search is removed.' });
  });
}

function setupForYouRoute({ app, services }: SettingsContext) {
  app.get<{ Querystring: { undo?: string } }>('/for-you', routeOptions, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { store } = services;
    const result = await forYou({ store, userId: viewer.id });
    const hidden = (await notInterestedPapers({ store, userId: viewer.id })).map((h) => h.paper);
    // `?undo=` names the paper just hidden; only one the reader did hide is offered back.
    const undo = hidden.find((p) => p.arxivId === request.query.undo) ?? null;
    const notes = await annotateCards({ store, viewer, paperIds: result.items.map((i) => i.paper.id) });
    const chrome = await pageChrome(request, reply, services);
    const items = result.items.map((item, i) => ({ card: cardVM(item, i + 1, notes), why: item.why }));
    return sendHtml(reply, forYouPage({ chrome, basis: result.basis, items, undo, hidden }));
  });
}

function setupOutboxRoute({ app, services }: SettingsContext) {
  app.get('/admin/outbox', routeOptions, async (request, reply) => {
    requireAdmin(request.viewer);
    const overview = await outboxOverview({ store: services.store });
    return sendHtml(reply, outboxPage({ chrome: await pageChrome(request, reply, services), ...overview }));
  });
}

export async function digestSettingsRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  const deps = { store: services.store, secret: services.secret, mailer: services.mailer, config: services.config };
  handleCommunityErrors(app);
  const ctx: SettingsContext = { app, services, deps };
  setupSettingsPageRoute(ctx);
  setupSubscribeAccountRoute(ctx);
  setupSavePreferencesRoute(ctx);
  setupUnsubscribeAccountRoute(ctx);
  setupAddSavedSearchRoute(ctx);
  setupRemoveSavedSearchRoute(ctx);
  setupForYouRoute(ctx);
  setupOutboxRoute(ctx);
  setupNotInterestedRoute(app, services);
}
