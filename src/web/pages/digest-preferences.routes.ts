// /digest/preferences: what a subscriber receives, changed through the signed link at the bottom of every digest
// (no account needed). The token rides along as a hidden field in every form of the page. One `setup…Route` per
// route; each form action goes through `act`, which checks the token and shows a refusal in the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rethrowUnlessRefusal } from '../../core/errors.js';
import type { Subscription } from '../../digest/digest.models.js';
import { parsePreferences, parseSavedSearch, parseSavedSearchId } from '../../digest/digest.schemas.js';
import { digestUrls, signDigestToken } from '../../digest/digest-links.js';
import {
  addSavedSearch,
  removeSavedSearch,
  savedSearchesOf,
  savePreferences,
} from '../../digest/preferences.usecases.js';
import { subscriptionForToken } from '../../digest/subscriptions.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { tokenPreferencesPage } from '../views/digest-settings.js';
import { field, sendHtml } from './community-http.js';
import { linkRefusedPage } from './digest-link-refused.js';

const here = (token: string) => `/digest/preferences?token=${encodeURIComponent(token)}`;

interface PreferencesContext {
  app: FastifyInstance;
  services: Services;
}

async function showPreferences(
  { services }: PreferencesContext,
  request: FastifyRequest,
  reply: FastifyReply,
  s: { subscription: Subscription; token: string; error?: string },
) {
  const chrome = await pageChrome(request, reply, services, { withCsrf: true });
  const unsubscribeToken = signDigestToken({
    secret: services.secret,
    purpose: 'digest-unsubscribe',
    subject: s.subscription,
  });
  const form = {
    csrfToken: chrome.csrfToken,
    subscription: s.subscription,
    savedSearches: await savedSearchesOf({ store: services.store, subscription: s.subscription }),
    actions: {
      save: '/digest/preferences',
      addSearch: '/digest/preferences/searches',
      removeSearch: () => '/digest/preferences/searches/delete',
    },
    hidden: { token: s.token },
    hasAccount: s.subscription.userId !== null,
    error: s.error,
  };
  const unsubscribeHref = digestUrls('').unsubscribe(unsubscribeToken);
  return sendHtml(reply, tokenPreferencesPage({ chrome, form, unsubscribeHref }), s.error ? 400 : 200);
}

/** Runs a form action for the subscription the posted token names; refusals re-show the form with the message. */
async function act(
  ctx: PreferencesContext,
  request: FastifyRequest,
  reply: FastifyReply,
  action: (s: Subscription) => Promise<string>,
) {
  const { store, secret } = ctx.services;
  const token = field(request, 'token');
  let subscription: Subscription;
  try {
    subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-manage' });
  } catch (error) {
    return linkRefusedPage(ctx.services, request, reply, error);
  }
  try {
    const text = await action(subscription);
    return redirectWithFlash(reply, here(token), { kind: 'success', text });
  } catch (error) {
    rethrowUnlessRefusal(error);
    return showPreferences(ctx, request, reply, { subscription, token, error: error.message });
  }
}

function setupPreferencesPageRoute(ctx: PreferencesContext) {
  const { store, secret } = ctx.services;
  ctx.app.get<{ Querystring: { token?: string } }>(
    '/digest/preferences',
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      let subscription: Subscription;
      try {
        subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-manage' });
      } catch (error) {
        return linkRefusedPage(ctx.services, request, reply, error);
      }
      return showPreferences(ctx, request, reply, { subscription, token });
    },
  );
}

function setupSavePreferencesRoute(ctx: PreferencesContext) {
  const { store } = ctx.services;
  ctx.app.post('/digest/preferences', { schema: { hide: true } }, (request, reply) =>
    act(ctx, request, reply, async (subscription) => {
      await savePreferences({ store, subscription, preferences: parsePreferences(request.body) });
      return 'Your preferences are saved.';
    }),
  );
}

function setupAddSavedSearchRoute(ctx: PreferencesContext) {
  const { store } = ctx.services;
  ctx.app.post('/digest/preferences/searches', { schema: { hide: true } }, (request, reply) =>
    act(ctx, request, reply, async (subscription) =>
      (await addSavedSearch({ store, subscription, search: parseSavedSearch(request.body) }))
        ? 'Saved: new matches will be in your digest.'
        : 'You already saved that search.',
    ),
  );
}

function setupRemoveSavedSearchRoute(ctx: PreferencesContext) {
  const { store } = ctx.services;
  ctx.app.post('/digest/preferences/searches/delete', { schema: { hide: true } }, (request, reply) =>
    act(ctx, request, reply, async (subscription) => {
      await removeSavedSearch({ store, subscription, id: parseSavedSearchId(field(request, 'id')) });
      return 'The saved search is removed.';
    }),
  );
}

export async function digestPreferencesRoutes(app: FastifyInstance, opts: { services: Services }) {
  const ctx: PreferencesContext = { app, services: opts.services };
  setupPreferencesPageRoute(ctx);
  setupSavePreferencesRoute(ctx);
  setupAddSavedSearchRoute(ctx);
  setupRemoveSavedSearchRoute(ctx);
}
