// Organizations as pages and form posts: /orgs/new and POST /orgs create one, /orgs/{slug} shows it (with its
// generated avatar at /orgs/{slug}/avatar.svg), its admins add and remove members and edit the description, and on
// a paper page a member attributes the paper (POST /papers/{id}/organization) and a moderator removes that
// (POST /papers/{id}/unattribute). Browsers get a redirect with a flash message.
import type { FastifyInstance } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { parseInput } from '../../community/community.schemas.js';
import { moderationInvalidReason } from '../../community/moderation.errors.js';
import { reasonSchema } from '../../community/moderation.schemas.js';
import { requireViewer } from '../../community/viewer.models.js';
import { attributePaper, removeAttribution } from '../../organizations/attributions.usecases.js';
import { organizationAvatarSvg } from '../../organizations/avatar.js';
import { orgPath } from '../../organizations/organizations.models.js';
import {
  addOrganizationMember,
  createOrganization,
  findOrganization,
  getOrganizationPage,
  removeOrganizationMember,
  setOrganizationDescription,
} from '../../organizations/organizations.usecases.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { organizationFeedLinks } from '../feeds/organization-feed.js';
import { refusalToShow, renderRefusal } from '../form-refusal.js';
import { pageChrome } from '../plugins/chrome.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { newOrganizationPage, organizationPage } from '../views/organization-page.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';
import { followControl } from './following-control.js';
import { paperAction } from './paper-actions.routes.js';

interface Deps {
  services: Services;
}
type SlugParams = { Params: { slug: string } };

const pageQuery = {
  type: 'object',
  properties: { page: { type: 'integer', minimum: 1, maximum: 10000 } },
} as const;

export function setupNewOrganizationRoutes(app: FastifyInstance, { services }: Deps) {
  app.get('/orgs/new', { config: membersOnly }, async (request, reply) => {
    requireViewer(request.viewer);
    return sendHtml(reply, newOrganizationPage({ chrome: await pageChrome(request, reply, services) }));
  });
  app.post('/orgs', { config: membersOnly }, async (request, reply) => {
    const values = {
      slug: field(request, 'slug'),
      name: field(request, 'name'),
      description: field(request, 'description'),
    };
    try {
      const org = await createOrganization({
        store: services.store,
        viewer: request.viewer,
        input: values,
        requireVerifiedEmail: services.config.community.requireVerifiedEmail,
      });
      return redirectWithFlash(reply, orgPath(org.slug), {
        kind: 'success',
        text: `${org.name} is created; you are its admin.`,
      });
    } catch (error) {
      const refusal = refusalToShow(error, { request });
      const chrome = await pageChrome(request, reply, services);
      return renderRefusal(reply, refusal, newOrganizationPage({ chrome, error: refusal.message, values }));
    }
  });
}

export function setupOrganizationPageRoute(app: FastifyInstance, { services }: Deps) {
  const { store } = services;
  app.get<SlugParams & { Querystring: { page?: number } }>(
    '/orgs/:slug',
    { schema: { hide: true, querystring: pageQuery } },
    async (request, reply) => {
      const result = await getOrganizationPage({
        store,
        viewer: request.viewer,
        slug: request.params.slug,
        page: request.query.page ?? 1,
        pageSize: services.config.pages.pageSize,
      });
      const notes = await annotateCards({
        store,
        viewer: request.viewer,
        paperIds: result.items.map((i) => i.paper.id),
      });
      const chrome = await pageChrome(request, reply, services);
      return sendHtml(
        reply,
        organizationPage({
          chrome,
          organization: result.organization,
          members: result.members,
          total: result.total,
          cards: result.items.map((item) => cardVM(item, undefined, notes)),
          page: result.page,
          pageCount: result.pageCount,
          viewerRole: result.viewerRole,
          alternateFeeds: organizationFeedLinks(result.organization),
          follow: await followControl({
            request,
            services,
            chrome,
            target: { kind: 'organization', key: String(result.organization.id) },
            name: result.organization.name,
          }),
        }),
      );
    },
  );
  app.get<SlugParams>('/orgs/:slug/avatar.svg', { schema: { hide: true } }, async (request, reply) => {
    const org = await findOrganization(store, request.params.slug);
    // The picture is a function of the slug and the name, neither of which changes.
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(organizationAvatarSvg(org));
  });
}

export function setupOrganizationAdminRoutes(app: FastifyInstance, { services }: Deps) {
  const { store } = services;
  app.post<SlugParams>('/orgs/:slug/members', { config: membersOnly }, async (request, reply) => {
    const input = { username: field(request, 'username'), role: field(request, 'role') || undefined };
    const r = await addOrganizationMember({ store, viewer: request.viewer, slug: request.params.slug, input });
    return redirectWithFlash(reply, orgPath(r.organization.slug), {
      kind: 'success',
      text: `${r.username} is ${r.role === 'admin' ? 'an admin' : 'a member'} of ${r.organization.name}.`,
    });
  });
  app.post<SlugParams>('/orgs/:slug/members/remove', { config: membersOnly }, async (request, reply) => {
    const username = field(request, 'username');
    const r = await removeOrganizationMember({ store, viewer: request.viewer, slug: request.params.slug, username });
    return redirectWithFlash(reply, orgPath(r.organization.slug), {
      kind: r.removed ? 'success' : 'info',
      text: r.removed ? `${username} is no longer a member.` : `${username} was not a member.`,
    });
  });
  app.post<SlugParams>('/orgs/:slug/description', { config: membersOnly }, async (request, reply) => {
    const input = { description: field(request, 'description') };
    const org = await setOrganizationDescription({ store, viewer: request.viewer, slug: request.params.slug, input });
    return redirectWithFlash(reply, orgPath(org.slug), { kind: 'success', text: 'The description is saved.' });
  });
}

export function setupAttributionRoutes(app: FastifyInstance, { services }: Deps) {
  const { store } = services;
  paperAction(app, 'organization', async (request, reply, idText) => {
    const { paper, organization } = await attributePaper({
      store,
      viewer: request.viewer,
      arxivId: idText,
      input: { organization: field(request, 'organization') },
      requireVerifiedEmail: services.config.community.requireVerifiedEmail,
    });
    return redirectWithFlash(reply, paperPath(paper.arxivId), {
      kind: 'success',
      text: `The paper is attributed to ${organization.name}.`,
    });
  });
  paperAction(app, 'unattribute', async (request, reply, idText) => {
    const reason = parseInput(reasonSchema, field(request, 'reason'), moderationInvalidReason.code);
    const { paper } = await removeAttribution({ store, viewer: request.viewer, arxivId: idText, reason });
    return redirectWithFlash(reply, paperPath(paper.arxivId), { kind: 'success', text: 'The attribution is removed.' });
  });
}

export async function organizationRoutes(app: FastifyInstance, deps: Deps) {
  handleCommunityErrors(app);
  setupNewOrganizationRoutes(app, deps);
  setupOrganizationPageRoute(app, deps);
  setupOrganizationAdminRoutes(app, deps);
  setupAttributionRoutes(app, deps);
}
