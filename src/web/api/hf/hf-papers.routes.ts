// GET /api/papers/{id} (huggingface_hub's `paper_info`) and the thumbnail its items point to.

import type { FastifyInstance } from 'fastify';
import { paperAnnotations } from '../../../papers/paper-annotations.usecases.js';
import type { Services } from '../../../services.js';
import { prefersMarkdown } from '../../content-negotiation.js';
import { sendPaperMarkdown } from '../../pages/paper-markdown.routes.js';
import { appendVary } from '../../plugins/vary.js';
import { findPaperOr404 } from './find-paper.js';
import { hfPaperDetail } from './hf.models.js';
import { thumbnailSvg } from './thumbnail.js';

export async function hfPapersRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { services, origin } = opts;

  app.get<{ Params: { '*': string } }>(
    '/api/papers/*',
    {
      schema: {
        tags: ['hugging face compatible'],
        summary: 'One paper in the shape of huggingface.co/api/papers/{id}',
        description:
          'With `Accept: text/markdown`, the paper as Markdown (as GET /papers/{id}.md, huggingface_hub `read_paper`).',
        params: { type: 'object', properties: { '*': { type: 'string', description: 'arXiv id, e.g. 2401.01234' } } },
        response: { 200: { $ref: 'HfPaperDetail#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request, reply) => {
      const idText = request.params['*'];
      if (prefersMarkdown(request)) return sendPaperMarkdown({ services, idText, reply });
      appendVary(reply, 'Accept');
      const { paper, listing } = await findPaperOr404({ services, idText });
      const notes = (await paperAnnotations(services.store, [paper])).get(paper.id);
      return hfPaperDetail({ paper, listing, origin, notes });
    },
  );

  const thumbnail = async (idText: string) =>
    thumbnailSvg((await findPaperOr404({ services, idText })).paper).toString();
  const svg = 'image/svg+xml; charset=utf-8';
  app.get<{ Params: { id: string } }>('/papers/:id/thumbnail.svg', { schema: { hide: true } }, async (request, reply) =>
    reply.type(svg).send(await thumbnail(request.params.id)),
  );
  // Old-style ids ("hep-th/9901001") span two path segments.
  app.get<{ Params: { archive: string; num: string } }>(
    '/papers/:archive/:num/thumbnail.svg',
    { schema: { hide: true } },
    async (request, reply) => reply.type(svg).send(await thumbnail(`${request.params.archive}/${request.params.num}`)),
  );
}
