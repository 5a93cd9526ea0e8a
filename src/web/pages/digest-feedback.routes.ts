// GET/POST /digest/not-interested: "Not interested" from a digest mail, without signing in (the signed link names
// the subscription's account and the paper, and expires). The GET only shows a button, so link scanners that open
// every link in a mail record nothing; the button posts with the page's CSRF token and then offers the undo.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notInterestedTarget, setNotInterestedByLink } from '../../digest/digest-feedback.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { DIGEST_NOT_INTERESTED_PATH, digestNotInterestedPage } from '../views/digest-feedback-pages.js';
import { field, sendHtml } from './community-http.js';
import { linkRefusedPage } from './digest-link-refused.js';

const chromeOf = (services: Services, request: FastifyRequest, reply: FastifyReply) =>
  pageChrome(request, reply, services, { withCsrf: true });

export function setupDigestNotInterestedPageRoute(app: FastifyInstance, services: Services) {
  app.get<{ Querystring: { token?: string; paper?: string } }>(
    DIGEST_NOT_INTERESTED_PATH,
    { schema: { hide: true } },
    async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        const target = await notInterestedTarget({
          store: services.store,
          secret: services.secret,
          token,
          paperId: request.query.paper,
        });
        const chrome = await chromeOf(services, request, reply);
        const state = target.marked ? 'marked' : 'ask';
        reply.header('cache-control', 'no-store');
        return sendHtml(reply, digestNotInterestedPage({ chrome, token, paper: target.paper, state }));
      } catch (error) {
        return linkRefusedPage(services, request, reply, error);
      }
    },
  );
}

export function setupDigestNotInterestedRoute(app: FastifyInstance, services: Services) {
  app.post(DIGEST_NOT_INTERESTED_PATH, { schema: { hide: true } }, async (request, reply) => {
    const token = field(request, 'token');
    try {
      const result = await setNotInterestedByLink({
        store: services.store,
        secret: services.secret,
        token,
        paperId: field(request, 'paper'),
        notInterested: field(request, 'state') !== 'off',
      });
      const chrome = await chromeOf(services, request, reply);
      const state = result.notInterested ? 'marked' : 'undone';
      reply.header('cache-control', 'no-store');
      return sendHtml(reply, digestNotInterestedPage({ chrome, token, paper: result.paper, state }));
    } catch (error) {
      return linkRefusedPage(services, request, reply, error);
    }
  });
}
