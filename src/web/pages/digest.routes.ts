// Public digest routes: subscribe (double opt-in), confirm, one-click unsubscribe, and the signed click redirect in
// mails. None needs an account; the signed token in each link is the proof of who is asking. One `setup…Route` per
// route; refusals of a link show one "this link does not work" page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseEmail, parseSavedSearch } from '../../digest/digest.schemas.js';
import { openDigestLink } from '../../digest/digest-clicks.usecases.js';
import {
  confirmSubscription,
  type SubscriptionDeps,
  subscribe,
  subscriptionForToken,
  unsubscribe,
} from '../../digest/subscriptions.usecases.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { showRefusal } from '../form-refusal.js';
import { pageChrome } from '../plugins/chrome.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { type AlertVM, confirmPage, digestMessagePage, subscribePage, unsubscribePage } from '../views/digest-pages.js';
import { field, sendHtml } from './community-http.js';
import { setupDigestNotInterestedPageRoute, setupDigestNotInterestedRoute } from './digest-feedback.routes.js';
import { linkRefusedPage } from './digest-link-refused.js';
import { digestPreferencesRoutes } from './digest-preferences.routes.js';

const CHECK_INBOX =
  'If that address can receive our mail, a message is on its way: open the link in it to confirm. Nothing is sent before you do.';

interface DigestContext {
  app: FastifyInstance;
  services: Services;
  limiters: Limiters;
  deps: SubscriptionDeps;
}

function alertFrom(source: Record<string, unknown>): AlertVM | null {
  const query = typeof source.query === 'string' ? source.query : typeof source.q === 'string' ? source.q : '';
  if (!query.trim()) return null;
  const { category, hasCode } = parseSavedSearch({ query, category: source.category ?? '', hasCode: source.hasCode });
  return { query: query.trim(), category, hasCode };
}

const chromeOf = (services: Services, request: FastifyRequest, reply: FastifyReply) =>
  pageChrome(request, reply, services, { withCsrf: true });

const SUBSCRIBE_AGAIN = [{ href: '/digest/subscribe', text: 'Subscribe again' }];

function setupSubscribeFormRoute({ app, services }: DigestContext) {
  app.get<{ Querystring: Record<string, string> }>(
    '/digest/subscribe',
    { schema: { hide: true } },
    async (request, reply) =>
      sendHtml(
        reply,
        subscribePage({ chrome: await chromeOf(services, request, reply), alert: alertFrom(request.query) }),
      ),
  );
}

// No CSRF token is required: the form is on every page (which stay cookie-free for readers), and a forged post
// can do no more than anyone can do directly — ask for a confirmation mail, which the rate limits and the
// one-mail-per-ten-minutes rule keep from being a nuisance.
function setupSubscribeRoute({ app, services, limiters, deps }: DigestContext) {
  app.post(
    '/digest/subscribe',
    { schema: { hide: true }, config: { csrf: false }, preHandler: limiters.accountMail },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      let alert: AlertVM | null = null;
      try {
        alert = alertFrom(body);
        // No transport: nothing is stored or promised; the page points to the feed with the same papers.
        if (services.mailMode === 'none')
          return sendHtml(reply, subscribePage({ chrome: await chromeOf(services, request, reply), alert }));
        const email = parseEmail(field(request, 'email'));
        await subscribe({ deps, email, savedSearch: alert });
        const chrome = await chromeOf(services, request, reply);
        return sendHtml(reply, digestMessagePage({ chrome, title: 'Check your inbox', message: CHECK_INBOX }));
      } catch (error) {
        return showRefusal(reply, error, async (refusal) =>
          subscribePage({
            chrome: await chromeOf(services, request, reply),
            email: field(request, 'email'),
            alert,
            error: refusal.message,
          }),
        );
      }
    },
  );
}

function setupConfirmPageRoute({ app, services }: DigestContext) {
  const { store, secret } = services;
  app.get<{ Querystring: { token?: string } }>(
    '/digest/confirm',
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        const subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-confirm' });
        const chrome = await chromeOf(services, request, reply);
        return sendHtml(reply, confirmPage({ chrome, token, email: subscription.email }));
      } catch (error) {
        return linkRefusedPage(services, request, reply, error, SUBSCRIBE_AGAIN);
      }
    },
  );
}

function setupConfirmRoute({ app, services }: DigestContext) {
  const { store, secret } = services;
  app.post('/digest/confirm', { schema: { hide: true } }, async (request, reply) => {
    try {
      const subscription = await confirmSubscription({ store, secret, token: field(request, 'token') });
      const message = `Digests will go to ${subscription.email}. Each one has a link to change what you receive, and one to unsubscribe.`;
      const chrome = await chromeOf(services, request, reply);
      return sendHtml(reply, digestMessagePage({ chrome, title: 'You are subscribed', message }));
    } catch (error) {
      return linkRefusedPage(services, request, reply, error, SUBSCRIBE_AGAIN);
    }
  });
}

function setupUnsubscribePageRoute({ app, services }: DigestContext) {
  const { store, secret } = services;
  app.get<{ Querystring: { token?: string } }>(
    '/digest/unsubscribe',
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        const subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-unsubscribe' });
        const vm = {
          chrome: await chromeOf(services, request, reply),
          token,
          email: subscription.email,
          alreadyLeft: subscription.status === 'unsubscribed',
        };
        return sendHtml(reply, unsubscribePage(vm));
      } catch (error) {
        return linkRefusedPage(services, request, reply, error, SUBSCRIBE_AGAIN);
      }
    },
  );
}

// RFC 8058 one-click: mail providers POST "List-Unsubscribe=One-Click" to the header's URL, without cookies or
// a CSRF token; the page's button posts the same way. Repeating it is harmless.
function setupUnsubscribeRoute({ app, services }: DigestContext) {
  const { store, secret } = services;
  app.post<{ Querystring: { token?: string } }>(
    '/digest/unsubscribe',
    { schema: { hide: true }, config: { csrf: false } },
    async (request, reply) => {
      try {
        const token = String(request.query.token ?? field(request, 'token'));
        const subscription = await unsubscribe({ store, secret, token });
        const message = `${subscription.email} will receive no more digests. Changed your mind? Subscribe again at any time.`;
        const page = digestMessagePage({
          chrome: await chromeOf(services, request, reply),
          title: 'You are unsubscribed',
          message,
          links: [{ href: '/', text: 'Back to the papers' }],
        });
        return sendHtml(reply, page);
      } catch (error) {
        return linkRefusedPage(services, request, reply, error, SUBSCRIBE_AGAIN);
      }
    },
  );
}

// A click on a paper in a digest: recorded (the first per paper counts, so a repeated GET changes nothing more)
// as a signal for recommendations, then on to the paper's page.
function setupDigestClickRoute({ app, services }: DigestContext) {
  app.get<{ Params: { outboxId: string; paperId: string; mac: string } }>(
    '/digest/open/:outboxId/:paperId/:mac',
    { schema: { hide: true } },
    async (request, reply) => {
      const paper = await openDigestLink({
        store: services.store,
        secret: services.secret,
        outboxId: Number(request.params.outboxId),
        paperId: Number(request.params.paperId),
        mac: request.params.mac,
      });
      if (!paper) return reply.redirect('/', 302);
      return reply.header('cache-control', 'no-store').redirect(paperPath(paper.arxivId), 302);
    },
  );
}

export async function digestRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const deps = { store: services.store, secret: services.secret, mailer: services.mailer, config: services.config };
  const ctx: DigestContext = { app, services, limiters, deps };

  // Mail providers may send the one-click POST as multipart/form-data; its fields carry nothing the token does not.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, _body, done) => done(null, {}),
  );

  setupSubscribeFormRoute(ctx);
  setupSubscribeRoute(ctx);
  setupConfirmPageRoute(ctx);
  setupConfirmRoute(ctx);
  setupUnsubscribePageRoute(ctx);
  setupUnsubscribeRoute(ctx);
  setupDigestClickRoute(ctx);
  setupDigestNotInterestedPageRoute(app, services);
  setupDigestNotInterestedRoute(app, services);

  await app.register(digestPreferencesRoutes, { services });
}
