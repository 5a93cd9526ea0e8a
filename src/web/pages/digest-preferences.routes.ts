// /digest/preferences: what a subscriber receives, changed through the signed link at the bottom of every digest
// (no account needed). The token rides along as a hidden field in every form of the page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { Subscription } from '../../digest/digest.models.js';
import { digestUrls, signDigestToken } from '../../digest/digest-links.js';
import { addSavedSearch, removeSavedSearch, savePreferences } from '../../digest/preferences.usecases.js';
import { subscriptionForToken } from '../../digest/subscriptions.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { digestMessagePage } from '../views/digest-pages.js';
import { tokenPreferencesPage } from '../views/digest-settings.js';
import { field, sendHtml } from './community-http.js';

export async function digestPreferencesRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  const { store, secret } = services;
  const here = (token: string) => `/digest/preferences?token=${encodeURIComponent(token)}`;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    s: { subscription: Subscription; token: string; error?: string },
  ) => {
    const chrome = await pageChrome(request, reply, services, { withCsrf: true });
    const unsubscribeToken = signDigestToken({ secret, purpose: 'digest-unsubscribe', subject: s.subscription });
    const form = {
      csrfToken: chrome.csrfToken,
      subscription: s.subscription,
      savedSearches: await store.savedSearches.listBySubscription(s.subscription.id),
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
  };

  /** Runs a form action for the subscription the posted token names; refusals re-show the form with the message. */
  const act = async (request: FastifyRequest, reply: FastifyReply, action: (s: Subscription) => Promise<string>) => {
    const token = field(request, 'token');
    let subscription: Subscription;
    try {
      subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-manage' });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const chrome = await pageChrome(request, reply, services, { withCsrf: true });
      return sendHtml(
        reply,
        digestMessagePage({ chrome, title: 'This link does not work', message: error.message }),
        error.status,
      );
    }
    try {
      const text = await action(subscription);
      return redirectWithFlash(reply, here(token), { kind: 'success', text });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return show(request, reply, { subscription, token, error: error.message });
    }
  };

  app.get<{ Querystring: { token?: string } }>(
    '/digest/preferences',
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        const subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-manage' });
        return show(request, reply, { subscription, token });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const chrome = await pageChrome(request, reply, services, { withCsrf: true });
        return sendHtml(
          reply,
          digestMessagePage({ chrome, title: 'This link does not work', message: error.message }),
          error.status,
        );
      }
    },
  );
  app.post('/digest/preferences', { schema: { hide: true } }, (request, reply) =>
    act(request, reply, async (subscription) => {
      await savePreferences({ store, subscription, input: request.body as Record<string, unknown> });
      return 'Your preferences are saved.';
    }),
  );
  app.post('/digest/preferences/searches', { schema: { hide: true } }, (request, reply) =>
    act(request, reply, async (subscription) =>
      (await addSavedSearch({ store, subscription, input: request.body as Record<string, unknown> }))
        ? 'Saved: new matches will be in your digest.'
        : 'You already saved that search.',
    ),
  );
  app.post('/digest/preferences/searches/delete', { schema: { hide: true } }, (request, reply) =>
    act(request, reply, async (subscription) => {
      await removeSavedSearch({ store, subscription, id: field(request, 'id') });
      return 'The saved search is removed.';
    }),
  );
}
