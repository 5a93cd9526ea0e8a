// Hugging Face's write endpoints, for scripts that submit or index papers there: POST /api/papers/submit
// {paper_id} lists a paper today like the site's submit form; POST /api/papers/index {arxivId} only makes sure
// the paper is in the library (answering `{}`, as HF does). Both want `Authorization: Bearer <write token>`
// (a signed-in browser with the x-csrf-token header works too).
import type { FastifyInstance } from 'fastify';
import { indexPaper } from '../../../community/paper-index.usecases.js';
import { submitPaper } from '../../../community/submissions.usecases.js';
import type { Services } from '../../../services.js';
import type { Limiters } from '../../plugins/rate-limits.js';
import { refusals } from '../community.schema.js';
import { hfDailyItem } from './hf.models.js';

const members = { requiresUser: true } as const;
const arxivRef = { type: 'string', maxLength: 200, description: 'arXiv id or URL, e.g. 2401.01234' } as const;

export async function hfWriteRoutes(app: FastifyInstance, opts: { services: Services; limiters: Limiters }) {
  const { services, limiters } = opts;
  const { store, config } = services;
  const origin = config.server.publicUrl.replace(/\/+$/, '');
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  app.post<{ Body: { paper_id: string } }>(
    '/api/papers/submit',
    {
      config: members,
      preHandler: limiters.submission,
      schema: {
        tags: ['hugging face compatible'],
        summary: "Submit a paper to today's list (needs a write token); answers the new daily item",
        body: { type: 'object', required: ['paper_id'], properties: { paper_id: arxivRef } },
        response: { 200: { $ref: 'HfDailyPaper#' }, ...refusals, 502: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const { paper, listing } = await submitPaper({
        store,
        arxiv: services.arxivLookup,
        gates: config.community,
        viewer: request.viewer,
        input: request.body.paper_id,
      });
      return hfDailyItem({ paper, listing, origin });
    },
  );

  app.post<{ Body: { arxivId: string } }>(
    '/api/papers/index',
    {
      config: members,
      preHandler: limiters.submission,
      schema: {
        tags: ['hugging face compatible'],
        summary: 'Make sure a paper is in the library, fetching it from arXiv if needed, without listing it',
        body: { type: 'object', required: ['arxivId'], properties: { arxivId: arxivRef } },
        response: {
          200: { type: 'object', additionalProperties: false, description: 'Empty, as on huggingface.co' },
          ...refusals,
          502: { $ref: 'Error#' },
          503: { $ref: 'Error#' },
        },
      },
    },
    async (request) => {
      await indexPaper({
        store,
        arxiv: services.arxivLookup,
        viewer: request.viewer,
        requireVerifiedEmail: config.community.requireVerifiedEmail,
        input: request.body.arxivId,
      });
      return {};
    },
  );
}
