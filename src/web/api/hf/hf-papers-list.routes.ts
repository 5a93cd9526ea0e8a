// GET /api/papers: every paper of the library, newest first, paged the way the hub pages its lists — an opaque
// `cursor` and a `Link: <…?cursor=…>; rel="next"` header, which huggingface_hub's paginate() follows to the end.
import type { FastifyInstance } from 'fastify';
import { browsePapers } from '../../../papers/browse-papers.usecases.js';
import { paperAnnotations } from '../../../papers/paper-annotations.usecases.js';
import { visibleListingsOf } from '../../../papers/search-listings.usecases.js';
import type { Services } from '../../../services.js';
import { hfPaper } from './hf.models.js';

export const HF_LIST_DEFAULT_LIMIT = 50;
export const HF_LIST_MAX_LIMIT = 100;

export async function hfPapersListRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { origin } = opts;
  const { store } = opts.services;
  app.get<{ Querystring: { cursor?: string; limit?: number } }>(
    '/api/papers',
    {
      schema: {
        tags: ['hugging face compatible'],
        summary: 'Every paper, newest first, in pages linked by a cursor',
        description:
          'Flat papers (the shape of GET /api/papers/{id}, without the linked repositories), newest arXiv date first. ' +
          'When there are more, a `Link: <…?cursor=…>; rel="next"` header gives the next page; walking it to the end ' +
          'lists every paper once, even while papers are added.',
        querystring: {
          type: 'object',
          properties: {
            cursor: { type: 'string', maxLength: 200, description: "From the previous page's Link header" },
            limit: {
              type: 'integer',
              minimum: 1,
              default: HF_LIST_DEFAULT_LIMIT,
              description: `Papers per page; values above ${HF_LIST_MAX_LIMIT} are treated as ${HF_LIST_MAX_LIMIT}`,
            },
          },
        },
        response: {
          200: { type: 'array', items: { $ref: 'HfPaperListItem#' } },
          400: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const limit = Math.min(request.query.limit ?? HF_LIST_DEFAULT_LIMIT, HF_LIST_MAX_LIMIT);
      const { papers, nextCursor } = await browsePapers(store, { cursor: request.query.cursor, limit });
      const ids = papers.map((p) => p.id);
      const [listings, notes] = await Promise.all([
        visibleListingsOf({ store, paperIds: ids }),
        paperAnnotations(store, papers),
      ]);
      if (nextCursor) {
        const next = new URLSearchParams({ cursor: nextCursor, limit: String(limit) });
        reply.header('link', `<${origin}/api/papers?${next}>; rel="next"`);
      }
      return papers.map((paper) => {
        const listing = listings.get(paper.id) ?? null;
        const note = notes.get(paper.id);
        return { ...hfPaper({ paper, listing, origin, notes: note }), numComments: note?.numComments ?? 0 };
      });
    },
  );
}
