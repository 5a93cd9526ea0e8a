// GET /api/papers/{id} (huggingface_hub's `paper_info`) and the thumbnail its items point to.
import type { FastifyInstance } from 'fastify';
import { paperIdInvalid, paperNotFound } from '../../../papers/papers.errors.js';
import { getPaper } from '../../../papers/papers.usecases.js';
import type { Services } from '../../../services.js';
import { hfPaperDetail } from './hf.models.js';
import { thumbnailSvg } from './thumbnail.js';

/**
 * The paper by any accepted id form. HF answers 404 for ids that cannot exist (its client test expects 404
 * for "1234.56789"), so malformed ids are "not found" here rather than 400 as on /api/v1.
 */
export async function findPaperOr404({ services, idText }: { services: Services; idText: string }) {
  try {
    return await getPaper(services.store, idText);
  } catch (error) {
    if (paperIdInvalid.is(error))
      throw paperNotFound({ message: `There is no paper with id "${idText.slice(0, 100)}"` });
    throw error;
  }
}

export async function hfPapersRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { services, origin } = opts;

  app.get<{ Params: { '*': string } }>(
    '/api/papers/*',
    {
      schema: {
        tags: ['hugging face compatible'],
        summary: 'One paper in the shape of huggingface.co/api/papers/{id}',
        params: { type: 'object', properties: { '*': { type: 'string', description: 'arXiv id, e.g. 2401.01234' } } },
        response: { 200: { $ref: 'HfPaperDetail#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const { paper, listing } = await findPaperOr404({ services, idText: request.params['*'] });
      return hfPaperDetail({ paper, listing, origin });
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
