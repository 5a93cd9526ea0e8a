// Signed-in digest pages: /settings/digest (subscribe, preferences, saved searches, leave), the search page's
// "alert me" for accounts, the "For you" tab, and the operator's /admin/outbox.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { requireAdmin, requireViewer } from '../../community/viewer.models.js';
import { AppError, NotFoundError } from '../../core/errors.js';
import type { Subscription } from '../../digest/digest.models.js';
import { forYou } from '../../digest/for-you.usecases.js';
import { addSavedSearch, removeSavedSearch, savePreferences } from '../../digest/preferences.usecases.js';
import { accountSubscription, subscribeAccount } from '../../digest/subscriptions.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { backPath } from '../plugins/request-context.js';
import { accountDigestPage, forYouPage, outboxPage } from '../views/digest-settings.js';
import { MAIL_OFF_NOTHING_SENT } from '../views/mail-off.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';

const SETTINGS = '/settings/digest';

export async function digestSettingsRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  const { store } = services;
  const deps = { store, secret: services.secret, mailer: services.mailer, config: services.config };
  handleCommunityErrors(app);

  const userOf = async (request: FastifyRequest) => (await store.users.findById(requireViewer(request.viewer).id))!;
  const show = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const user = await userOf(request);
    const chrome = await pageChrome(request, reply, services);
    const subscription = await accountSubscription({ store, user });
    const form = subscription && {
      csrfToken: chrome.csrfToken,
      subscription,
      savedSearches: await store.savedSearches.listBySubscription(subscription.id),
      actions: {
        save: SETTINGS,
        addSearch: `${SETTINGS}/searches`,
        removeSearch: (id: number) => `${SETTINGS}/searches/${id}/delete`,
      },
      hasAccount: true,
      error,
    };
    return sendHtml(reply, accountDigestPage({ chrome, form, email: user.email }), error ? 400 : 200);
  };
  /** The account's subscription, created (and confirmed, for a verified address) when it has none yet. */
  const ensure = async (request: FastifyRequest): Promise<Subscription> => {
    const user = await userOf(request);
    return (await accountSubscription({ store, user })) ?? subscribeAccount({ deps, user });
  };

  // Without a mail transport nothing here could ever be sent: the page offers feeds, and these writes change nothing.
  const mailIsOff = (request: FastifyRequest, reply: FastifyReply) =>
    services.mailMode === 'none'
      ? redirectWithFlash(reply, backPath(request, SETTINGS), { kind: 'info', text: MAIL_OFF_NOTHING_SENT })
      : null;

  app.get(SETTINGS, { schema: { hide: true }, config: membersOnly }, (request, reply) => show(request, reply));
  app.post(`${SETTINGS}/subscribe`, { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    if (mailIsOff(request, reply)) return reply;
    const subscription = await subscribeAccount({ deps, user: await userOf(request) });
    const text =
      subscription.status === 'confirmed'
        ? `Subscribed: digests go to ${subscription.email}.`
        : `We sent a confirmation link to ${subscription.email}; digests start once you open it.`;
    return redirectWithFlash(reply, SETTINGS, { kind: 'success', text });
  });
  app.post(SETTINGS, { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    if (mailIsOff(request, reply)) return reply;
    try {
      await savePreferences({
        store,
        subscription: await ensure(request),
        input: request.body as Record<string, unknown>,
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return show(request, reply, error.message);
    }
    return redirectWithFlash(reply, SETTINGS, { kind: 'success', text: 'Your digest preferences are saved.' });
  });
  app.post(`${SETTINGS}/unsubscribe`, { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const subscription = await accountSubscription({ store, user: await userOf(request) });
    if (subscription) await store.subscriptions.unsubscribe(subscription.id, new Date().toISOString());
    return redirectWithFlash(reply, SETTINGS, { kind: 'info', text: 'You are unsubscribed: no more digests.' });
  });
  // "Alert me" on the search page posts here (with `back`), as does the form on the settings page.
  app.post(`${SETTINGS}/searches`, { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    if (mailIsOff(request, reply)) return reply;
    const subscription = await ensure(request);
    const added = await addSavedSearch({ store, subscription, input: request.body as Record<string, unknown> });
    const text = added
      ? `Saved: new papers matching “${field(request, 'query').trim()}” will be in your digest.`
      : 'You already saved that search.';
    return redirectWithFlash(reply, backPath(request, SETTINGS), { kind: 'success', text });
  });
  app.post<{ Params: { id: string } }>(
    `${SETTINGS}/searches/:id/delete`,
    { schema: { hide: true }, config: membersOnly },
    async (request, reply) => {
      const subscription = await accountSubscription({ store, user: await userOf(request) });
      const removed = subscription ? await removeSavedSearch({ store, subscription, id: request.params.id }) : false;
      // Another reader's search, or one already gone: nothing was deleted, and the answer must not say otherwise.
      if (!removed)
        throw new NotFoundError('digest.saved_search_not_found', 'There is no such saved search in your digest.');
      return redirectWithFlash(reply, SETTINGS, { kind: 'success', text: 'The saved search is removed.' });
    },
  );

  app.get('/for-you', { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const result = await forYou({ store, userId: viewer.id });
    const notes = await annotateCards({ store, viewer, paperIds: result.items.map((i) => i.paper.id) });
    const chrome = await pageChrome(request, reply, services);
    return sendHtml(
      reply,
      forYouPage({ chrome, basis: result.basis, items: result.items.map((item, i) => cardVM(item, i + 1, notes)) }),
    );
  });

  app.get('/admin/outbox', { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    requireAdmin(request.viewer);
    const [counts, subscribers, failed, retrying] = await Promise.all([
      store.digestOutbox.countByStatus(),
      store.subscriptions.countByStatus(),
      store.digestOutbox.listWithEmail({ status: 'failed', limit: 200 }),
      store.digestOutbox.listWithEmail({ status: 'pending', limit: 200, withError: true }),
    ]);
    return sendHtml(
      reply,
      outboxPage({ chrome: await pageChrome(request, reply, services), counts, subscribers, failed, retrying }),
    );
  });
}
