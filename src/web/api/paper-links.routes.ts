// POST /api/papers/{id}/links, shaped like the hub's: `{githubRepo?, projectPage?, links?}` sets the links of a
// paper as its verified author or a moderator (session with x-csrf-token, or a write token). A field left out
// stays as it is; null or "" clears it, so the link found in the abstract is shown again. The answer is the
// paper's links as shown afterwards, under the hub's field names.
import type { FastifyInstance } from 'fastify';
import { linksInvalid } from '../../papers/paper-links.errors.js';
import { linkHost } from '../../papers/paper-links.models.js';
import { type PaperLinksChange, paperLinksBodySchema } from '../../papers/paper-links.schemas.js';
import { setPaperLinks } from '../../papers/paper-links.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { members, writerFirst } from './content-api.js';

const linkSchema = {
  type: 'object',
  required: ['kind', 'url', 'host'],
  properties: {
    kind: { type: 'string', enum: ['dataset', 'model', 'demo'] },
    url: { type: 'string' },
    host: { type: 'string', description: 'A known host (github, huggingface, zenodo, …) for its icon, or other' },
  },
} as const;

export const paperLinksAnswerSchema = {
  type: 'object',
  required: ['id', 'links', 'changed'],
  properties: {
    id: { type: 'string', description: 'Bare arXiv id' },
    githubRepo: { type: 'string', description: 'The code repository shown: the authors’, else the abstract’s' },
    projectPage: { type: 'string' },
    links: { type: 'array', items: linkSchema },
    changed: { type: 'boolean', description: 'False when the request changed nothing (nothing was logged)' },
  },
} as const;

export async function paperLinksApiRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  const { requireVerifiedEmail } = services.config.community;
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });
  for (const path of ['/api/papers/:id/links', '/api/papers/:archive/:num/links']) {
    app.post<{ Params: { id?: string; archive?: string; num?: string } }>(
      path,
      {
        config: members,
        preValidation: writerFirst({ requireVerifiedEmail }),
        ...validated(
          { body: paperLinksBodySchema },
          {
            code: linksInvalid.code,
            extra: {
              tags: ['hugging face compatible'],
              summary:
                "Set a paper's code repository, project page and further links (its verified authors, moderators)",
              response: { 200: paperLinksAnswerSchema, ...refusals },
              ...(path.includes(':archive') ? { hide: true } : {}),
            },
          },
        ),
      },
      async (request) => {
        const { id, archive, num } = request.params;
        const result = await setPaperLinks({
          store: services.store,
          viewer: request.viewer,
          arxivId: id ?? `${archive}/${num}`,
          change: request.body as PaperLinksChange,
          requireVerifiedEmail,
        });
        return {
          id: result.paper.arxivId,
          githubRepo: result.paper.codeUrl ?? undefined,
          projectPage: result.paper.projectUrl ?? undefined,
          links: result.links.extra.map((l) => ({ ...l, host: linkHost(l.url) })),
          changed: result.changed,
        };
      },
    );
  }
}
