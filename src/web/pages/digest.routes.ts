// Public digest routes: subscribe (double opt-in), confirm, one-click unsubscribe, and the signed click redirect in
// mails. None needs an account; the signed token in each link is the proof of who is asking.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { parseEmail, parseSavedSearch } from '../../digest/digest.schemas.js';
import { verifyClickMac } from '../../digest/digest-links.js';
import {
  confirmSubscription,
  subscribe,
  subscriptionForToken,
  unsubscribe,
} from '../../digest/subscriptions.usecases.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { type AlertVM, confirmPage, digestMessagePage, subscribePage, unsubscribePage } from '../views/digest-pages.js';
import { field, sendHtml } from './community-http.js';
import { digestPreferencesRoutes } from './digest-preferences.routes.js';

const CHECK_INBOX =
  'If that address can receive our mail, a message is on its way: open the link in it to confirm. Nothing is sent before you do.';

function alertFrom(source: Record<string, unknown>): AlertVM | null {
  const query = typeof source.query === 'string' ? source.query : typeof source.q === 'string' ? source.q : '';
  if (!query.trim()) return null;
  const { category, hasCode } = parseSavedSearch({ query, category: source.category ?? '', hasCode: source.hasCode });
  return { query: query.trim(), category, hasCode };
}

export async function digestRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const { store, secret } = services;
  const deps = { store, secret, mailer: services.mailer, config: services.config };
  const chrome = (request: FastifyRequest, reply: FastifyReply) =>
    pageChrome(request, reply, services, { withCsrf: true });
  const linkError = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const page = digestMessagePage({
      chrome: await chrome(request, reply),
      title: 'This link does not work',
      message: error.message,
      links: [{ href: '/digest/subscribe', text: 'Subscribe again' }],
    });
    return sendHtml(reply, page, error.status);
  };

  // Mail providers may send the one-click POST as multipart/form-data; its fields carry nothing the token does not.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, _body, done) => done(null, {}),
  );

  app.get<{ Querystring: Record<string, string> }>(
    '/digest/subscribe',
    { schema: { hide: true } },
    async (request, reply) => {
      return sendHtml(reply, subscribePage({ chrome: await chrome(request, reply), alert: alertFrom(request.query) }));
    },
  );

  // No CSRF token is required: the form is on every page (which stay cookie-free for readers), and a forged post
  // can do no more than anyone can do directly — ask for a confirmation mail, which the rate limits and the
  // one-mail-per-ten-minutes rule keep from being a nuisance.
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
          return sendHtml(reply, subscribePage({ chrome: await chrome(request, reply), alert }));
        const email = parseEmail(field(request, 'email'));
        await subscribe({ deps, email, savedSearch: alert });
        return sendHtml(
          reply,
          digestMessagePage({ chrome: await chrome(request, reply), title: 'Check your inbox', message: CHECK_INBOX }),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const page = subscribePage({
          chrome: await chrome(request, reply),
          email: field(request, 'email'),
          alert,
          error: error.message,
        });
        return sendHtml(reply, page, error.status);
      }
    },
  );

  app.get<{ Querystring: { token?: string } }>(
    '/digest/confirm',
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        const subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-confirm' });
        return sendHtml(reply, confirmPage({ chrome: await chrome(request, reply), token, email: subscription.email }));
      } catch (error) {
        return linkError(request, reply, error);
      }
    },
  );
  app.post('/digest/confirm', { schema: { hide: true } }, async (request, reply) => {
    try {
      const subscription = await confirmSubscription({ store, secret, token: field(request, 'token') });
      const message = `Digests will go to ${subscription.email}. Each one has a link to change what you receive, and one to unsubscribe.`;
      return sendHtml(
        reply,
        digestMessagePage({ chrome: await chrome(request, reply), title: 'You are subscribed', message }),
      );
    } catch (error) {
      return linkError(request, reply, error);
    }
  });

  app.get<{ Querystring: { token?: string } }>(
    '/digest/unsubscribe',
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        const subscription = await subscriptionForToken({ store, secret, token, purpose: 'digest-unsubscribe' });
        const vm = {
          chrome: await chrome(request, reply),
          token,
          email: subscription.email,
          alreadyLeft: subscription.status === 'unsubscribed',
        };
        return sendHtml(reply, unsubscribePage(vm));
      } catch (error) {
        return linkError(request, reply, error);
      }
    },
  );
  // RFC 8058 one-click: mail providers POST "List-Unsubscribe=One-Click" to the header's URL, without cookies or
  // a CSRF token; the page's button posts the same way. Repeating it is harmless.
  app.post<{ Querystring: { token?: string } }>(
    '/digest/unsubscribe',
    { schema: { hide: true }, config: { csrf: false } },
    async (request, reply) => {
      try {
        const subscription = await unsubscribe({
          store,
          secret,
          token: String(request.query.token ?? field(request, 'token')),
        });
        const message = `${subscription.email} will receive no more digests. Changed your mind? Subscribe again at any time.`;
        return sendHtml(
          reply,
          digestMessagePage({
            chrome: await chrome(request, reply),
            title: 'You are unsubscribed',
            message,
            links: [{ href: '/', text: 'Back to the papers' }],
          }),
        );
      } catch (error) {
        return linkError(request, reply, error);
      }
    },
  );

  // A click on a paper in a digest: recorded (the first per paper counts, so a repeated GET changes nothing more)
  // as a signal for recommendations, then on to the paper's page.
  app.get<{ Params: { outboxId: string; paperId: string; mac: string } }>(
    '/digest/open/:outboxId/:paperId/:mac',
    { schema: { hide: true } },
    async (request, reply) => {
      const outboxId = Number(request.params.outboxId);
      const paperId = Number(request.params.paperId);
      const valid =
        Number.isSafeInteger(outboxId) &&
        Number.isSafeInteger(paperId) &&
        verifyClickMac({ secret, outboxId, paperId, mac: request.params.mac });
      const paper = valid ? (await store.papers.findByIds([paperId]))[0] : undefined;
      if (!paper) return reply.redirect('/', 302);
      await store.digestOutbox.recordClick({ outboxId, paperId, at: new Date().toISOString() });
      return reply.header('cache-control', 'no-store').redirect(paperPath(paper.arxivId), 302);
    },
  );

  await app.register(digestPreferencesRoutes, { services });
}
