// POST /papers/{id}/links: the paper page's links form (verified authors and moderators). The same schema and use
// case as POST /api/papers/{id}/links; a refused link comes back as a message on the paper page.
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../community/community.schemas.js';
import { linksInvalid } from '../../papers/paper-links.errors.js';
import { paperLinksFormSchema } from '../../papers/paper-links.schemas.js';
import { setPaperLinks } from '../../papers/paper-links.usecases.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { redirectWithFlash } from '../plugins/flash.js';
import { field, handleCommunityErrors } from './community-http.js';
import { paperAction } from './paper-actions.routes.js';

export function setupPaperLinksFormRoute(app: FastifyInstance, { services }: { services: Services }) {
  paperAction(app, 'links', async (request, reply, idText) => {
    const form = Object.fromEntries(
      ['codeUrl', 'projectUrl', 'dataset', 'model', 'demo'].map((name) => [name, field(request, name)]),
    );
    const change = parseInput(paperLinksFormSchema, form, linksInvalid.code);
    const { paper, changed } = await setPaperLinks({
      store: services.store,
      viewer: request.viewer,
      arxivId: idText,
      change,
      requireVerifiedEmail: services.config.community.requireVerifiedEmail,
    });
    return redirectWithFlash(reply, paperPath(paper.arxivId), {
      kind: changed ? 'success' : 'info',
      text: changed ? 'The links are saved.' : 'Nothing changed.',
    });
  });
}

export async function paperLinksRoutes(app: FastifyInstance, deps: { services: Services }) {
  handleCommunityErrors(app);
  setupPaperLinksFormRoute(app, deps);
}
