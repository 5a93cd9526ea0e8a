// Profiles (/u/:username) with their moderation actions, and the moderators' pages: audit log and claims queue.
// One route per handler.
import type { FastifyInstance } from 'fastify';
import { decideClaim, listPendingClaims } from '../../community/claims.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { moderationInvalidReason } from '../../community/moderation.errors.js';
import { reasonSchema } from '../../community/moderation.schemas.js';
import { listAudit, setUserRole, setUserSuspended } from '../../community/moderation.usecases.js';
import { getProfilePage } from '../../community/profiles.usecases.js';
import { requireModerator } from '../../community/viewer.models.js';
import type { Services } from '../../services.js';
import { userFeedLinks } from '../feeds/feed-links.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { auditPage, claimsPage } from '../views/admin-pages.js';
import { profilePage } from '../views/profile-page.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';

interface ProfileRouteDeps {
  services: Services;
}

const profilePath = (username: string) => `/u/${encodeURIComponent(username)}`;

export function setupProfilePageRoute(app: FastifyInstance, { services }: ProfileRouteDeps) {
  const { store } = services;
  app.get<{ Params: { username: string } }>('/u/:username', async (request, reply) => {
    const page = await getProfilePage({ store, viewer: request.viewer, username: request.params.username });
    const { profile, notes, upvotedListings } = page;
    const chrome = await pageChrome(request, reply, services);
    return sendHtml(
      reply,
      profilePage({
        chrome,
        profile,
        submittedCards: profile.submitted.map((item) => cardVM(item, undefined, notes)),
        upvotedCards:
          profile.upvoted?.map((v) =>
            cardVM({ paper: v.paper, listing: upvotedListings.get(v.paper.id) ?? null }, undefined, notes),
          ) ?? null,
        canModerate: page.canModerate,
        canSetRole: page.canSetRole,
        alternateFeeds: userFeedLinks(profile.user.username),
      }),
    );
  });
}

export function setupSuspensionRoutes(app: FastifyInstance, { services }: ProfileRouteDeps) {
  const { store } = services;
  for (const suspended of [true, false]) {
    app.post<{ Params: { username: string } }>(
      `/u/:username/${suspended ? 'suspend' : 'unsuspend'}`,
      { config: membersOnly },
      async (request, reply) => {
        requireModerator(request.viewer);
        const reason = parseInput(reasonSchema, field(request, 'reason'), moderationInvalidReason.code);
        const user = await setUserSuspended({
          store,
          viewer: request.viewer,
          username: request.params.username,
          suspended,
          reason,
        });
        const text = suspended
          ? `${user.username} is suspended and signed out.`
          : `${user.username} is no longer suspended.`;
        return redirectWithFlash(reply, profilePath(user.username), { kind: 'success', text });
      },
    );
  }
}

export function setupRoleRoute(app: FastifyInstance, { services }: ProfileRouteDeps) {
  const { store } = services;
  app.post<{ Params: { username: string } }>('/u/:username/role', { config: membersOnly }, async (request, reply) => {
    const role = field(request, 'role');
    const user = await setUserRole({ store, viewer: request.viewer, username: request.params.username, role });
    return redirectWithFlash(reply, profilePath(user.username), {
      kind: 'success',
      text: `${user.username} is now ${role}.`,
    });
  });
}

export function setupAuditPageRoute(app: FastifyInstance, { services }: ProfileRouteDeps) {
  const { store } = services;
  app.get<{ Querystring: { page?: string } }>('/admin/audit', { config: membersOnly }, async (request, reply) => {
    const page = Math.min(10_000, Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1));
    const audit = await listAudit({ store, viewer: request.viewer, page });
    return sendHtml(reply, auditPage({ chrome: await pageChrome(request, reply, services), ...audit }));
  });
}

export function setupClaimsQueueRoute(app: FastifyInstance, { services }: ProfileRouteDeps) {
  const { store } = services;
  app.get('/admin/claims', { config: membersOnly }, async (request, reply) => {
    const claims = await listPendingClaims({ store, viewer: request.viewer });
    return sendHtml(reply, claimsPage({ chrome: await pageChrome(request, reply, services), claims }));
  });
}

export function setupClaimDecisionRoutes(app: FastifyInstance, { services }: ProfileRouteDeps) {
  const { store } = services;
  for (const approve of [true, false]) {
    app.post<{ Params: { id: string } }>(
      `/claims/:id/${approve ? 'approve' : 'reject'}`,
      { config: membersOnly },
      async (request, reply) => {
        const claim = await decideClaim({ store, viewer: request.viewer, claimId: request.params.id, approve });
        const text = `${claim.username}'s claim to be ${claim.authorName} is ${approve ? 'approved' : 'rejected'}.`;
        return redirectWithFlash(reply, '/admin/claims', { kind: 'success', text });
      },
    );
  }
}

export async function profileRoutes(app: FastifyInstance, deps: ProfileRouteDeps) {
  handleCommunityErrors(app);
  setupProfilePageRoute(app, deps);
  setupSuspensionRoutes(app, deps);
  setupRoleRoute(app, deps);
  setupAuditPageRoute(app, deps);
  setupClaimsQueueRoute(app, deps);
  setupClaimDecisionRoutes(app, deps);
}
