// Hugging Face's write endpoints, for scripts that submit or index papers there: POST /api/papers/submit
// {paper_id} lists a paper today like the site's submit form; POST /api/papers/index {arxivId} only makes sure
// the paper is in the library (answering `{}`, as HF does). Both want `Authorization: Bearer <write token>`
// (a signed-in browser with the x-csrf-token header works too).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { indexPaper } from '../../../community/paper-index.usecases.js';
import { submittedIdSchema } from '../../../community/submissions.schemas.js';
import { submitPaper } from '../../../community/submissions.usecases.js';
import { invalidPaperId, paperIdInvalid } from '../../../papers/papers.errors.js';
import { arxivIdSchema } from '../../../papers/papers.schemas.js';
import type { Services } from '../../../services.js';
import type { Limiters } from '../../plugins/rate-limits.js';
import { validated } from '../../validation.js';
import { refusals } from '../community.schema.js';
import { members, REQUEST_INVALID, writerFirst } from '../content-api.js';
import { hfDailyItem } from './hf.models.js';

interface HfWriteDeps {
  services: Services;
  limiters: Limiters;
}

const hfSubmission = z.object({ paper_id: submittedIdSchema.describe('arXiv id or URL, e.g. 2401.01234') });
const hfIndexing = z.object({
  arxivId: arxivIdSchema({
    code: paperIdInvalid.code,
    message: (text) => invalidPaperId(text, { orUrl: true }).message,
  }).describe('arXiv id or URL, e.g. 2401.01234'),
});

const originOf = (services: Services) => services.config.server.publicUrl.replace(/\/+$/, '');

export function setupHfSubmitRoute(app: FastifyInstance, { services, limiters }: HfWriteDeps) {
  const { config } = services;
  const origin = originOf(services);
  app.post(
    '/api/papers/submit',
    {
      config: members,
      preValidation: writerFirst(config.community),
      preHandler: limiters.submission,
      ...validated(
        { body: hfSubmission },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['hugging face compatible'],
            summary: "Submit a paper to today's list (needs a write token); answers the new daily item",
            response: { 200: { $ref: 'HfDailyPaper#' }, ...refusals, 502: { $ref: 'Error#' } },
          },
        },
      ),
    },
    async (request) => {
      const { paper_id } = request.body as z.output<typeof hfSubmission>;
      const { paper, listing } = await submitPaper({
        store: services.store,
        arxiv: services.arxivLookup,
        gates: config.community,
        calendar: services.submissionCalendar,
        viewer: request.viewer,
        arxivId: paper_id,
      });
      return hfDailyItem({ paper, listing, origin });
    },
  );
}

export function setupHfIndexRoute(app: FastifyInstance, { services, limiters }: HfWriteDeps) {
  const { requireVerifiedEmail } = services.config.community;
  app.post(
    '/api/papers/index',
    {
      config: members,
      preValidation: writerFirst({ requireVerifiedEmail }),
      preHandler: limiters.submission,
      ...validated(
        { body: hfIndexing },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['hugging face compatible'],
            summary: 'Make sure a paper is in the library, fetching it from arXiv if needed, without listing it',
            response: {
              200: { type: 'object', additionalProperties: false, description: 'Empty, as on huggingface.co' },
              ...refusals,
              502: { $ref: 'Error#' },
              503: { $ref: 'Error#' },
            },
          },
        },
      ),
    },
    async (request) => {
      const { arxivId } = request.body as z.output<typeof hfIndexing>;
      await indexPaper({
        store: services.store,
        arxiv: services.arxivLookup,
        viewer: request.viewer,
        requireVerifiedEmail,
        arxivId,
      });
      return {};
    },
  );
}

export async function hfWriteRoutes(app: FastifyInstance, deps: HfWriteDeps) {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });
  setupHfSubmitRoute(app, deps);
  setupHfIndexRoute(app, deps);
}
