// /following (the new papers of what the reader follows), /following/manage (their follows, saved searches to
// follow, the private feed), and the form posts behind the follow buttons (POST /follows) and the feed's
// rotate / turn-off buttons (POST /following/feed). Every post carries the CSRF token and answers a browser with a
// redirect back and a flash message; a JSON-accepting client gets JSON.
import type { FastifyInstance } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { requireViewer } from '../../community/viewer.models.js';
import {
  followingFeedToken,
  revokeFollowingFeedToken,
  rotateFollowingFeedToken,
} from '../../follows/feed-token.usecases.js';
import { getFollowingPapers, reasonText } from '../../follows/following.usecases.js';
import { followInvalid } from '../../follows/follows.errors.js';
import { followingPageQuerySchema, followTargetSchema } from '../../follows/follows.schemas.js';
import { followTarget, listFollows, ownSavedSearches, unfollowTarget } from '../../follows/follows.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { backPath, wantsJson } from '../plugins/request-context.js';
import { followingPage, manageFollowsPage } from '../views/following-page.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';
import { followingFeedUrls } from './following-feed-urls.js';

interface Deps {
  services: Services;
}

const KIND_LABELS: Record<string, string> = {
  author: 'author',
  category: 'category',
  collection: 'collection',
  saved_search: 'saved search',
  organization: 'organization',
};

export function setupFollowingPageRoute(app: FastifyInstance, { services }: Deps) {
  app.get('/following', { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { page } = parseInput(followingPageQuerySchema, request.query, followInvalid.code);
    const result = await getFollowingPapers({
      store: services.store,
      search: services.search,
      userId: viewer.id,
      page,
      pageSize: services.config.pages.pageSize,
    });
    const notes = await annotateCards({ store: services.store, viewer, paperIds: result.items.map((i) => i.paper.id) });
    const chrome = await pageChrome(request, reply, services);
    const items = result.items.map((item) => ({
      card: cardVM(item, undefined, notes),
      reasons: item.reasons.map((r) => ({ text: reasonText(r), href: r.href })),
    }));
    return sendHtml(reply, followingPage({ chrome, ...result, items }));
  });
}

export function setupManageFollowsRoute(app: FastifyInstance, { services }: Deps) {
  app.get('/following/manage', { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { store, secret } = services;
    const [follows, searches, token] = await Promise.all([
      listFollows({ store, viewer }),
      ownSavedSearches(store, viewer.id),
      followingFeedToken({ store, secret, userId: viewer.id }),
    ]);
    const followed = new Set(follows.filter((f) => f.kind === 'saved_search').map((f) => f.key));
    const chrome = await pageChrome(request, reply, services);
    return sendHtml(
      reply,
      manageFollowsPage({
        chrome,
        follows: follows.map((f) => ({ ...f, kindLabel: KIND_LABELS[f.kind] ?? f.kind, since: f.createdAt })),
        savedSearches: searches.map((s) => ({
          id: s.id,
          label: s.query || `everything in ${s.category}`,
          following: followed.has(String(s.id)),
        })),
        feed: token ? followingFeedUrls(services.config.server.publicUrl, token) : null,
      }),
    );
  });
}

export function setupFollowFormRoute(app: FastifyInstance, { services }: Deps) {
  app.post('/follows', { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const target = parseInput(
      followTargetSchema,
      { kind: field(request, 'kind'), key: field(request, 'key') },
      followInvalid.code,
    );
    const on = field(request, 'state') !== 'off';
    const { store } = services;
    if (on) {
      const result = await followTarget({ store, viewer: request.viewer, target });
      if (wantsJson(request))
        return reply.status(result.created ? 201 : 200).send({ ...result.target, following: true });
      return redirectWithFlash(reply, backPath(request, '/following'), {
        kind: 'success',
        text: result.created ? 'Followed: its new papers appear on Following.' : 'You already follow that.',
      });
    }
    const result = await unfollowTarget({ store, viewer: request.viewer, target });
    if (wantsJson(request)) return reply.send({ ...result.target, following: false });
    return redirectWithFlash(reply, backPath(request, '/following'), {
      kind: 'success',
      text: result.removed ? 'Unfollowed.' : 'You were not following that.',
    });
  });
}

export function setupFollowingFeedTokenRoute(app: FastifyInstance, { services }: Deps) {
  app.post('/following/feed', { schema: { hide: true }, config: membersOnly }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { store, secret } = services;
    const revoke = field(request, 'action') === 'revoke';
    if (revoke) await revokeFollowingFeedToken({ store, userId: viewer.id });
    else await rotateFollowingFeedToken({ store, secret, userId: viewer.id });
    return redirectWithFlash(reply, '/following/manage', {
      kind: 'success',
      text: revoke
        ? 'The private feed is off; its address no longer works.'
        : 'Your private feed has a new address; any older one no longer works.',
    });
  });
}

export async function followingRoutes(app: FastifyInstance, deps: Deps) {
  handleCommunityErrors(app);
  setupFollowingPageRoute(app, deps);
  setupManageFollowsRoute(app, deps);
  setupFollowFormRoute(app, deps);
  setupFollowingFeedTokenRoute(app, deps);
}
