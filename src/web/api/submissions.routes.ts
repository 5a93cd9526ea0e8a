// POST /api/v1/submissions: submit a paper to today's list by arXiv id or URL.
import type { FastifyInstance } from 'fastify';
import { submissionSchema } from '../../community/submissions.schemas.js';
import { submitPaper } from '../../community/submissions.usecases.js';
import type { Services } from '../../services.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { members, REQUEST_INVALID, writerFirst } from './content-api.js';
import { listingToJson, paperToJson } from './paper.schema.js';

export function setupSubmitPaperRoute(
  app: FastifyInstance,
  { services, limiters }: { services: Services; limiters: Limiters },
) {
  const { config } = services;
  app.post(
    '/api/v1/submissions',
    {
      config: members,
      preValidation: writerFirst(config.community),
      preHandler: limiters.submission,
      ...validated(
        { body: submissionSchema },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: "Submit a paper to today's list by arXiv id or URL",
            response: {
              201: { type: 'object', properties: { paper: { $ref: 'Paper#' }, listing: { $ref: 'Listing#' } } },
              ...refusals,
              502: { $ref: 'Error#' },
              503: { $ref: 'Error#' },
            },
          },
        },
      ),
    },
    async (request, reply) => {
      const { arxivId } = request.body as { arxivId: string };
      const { paper, listing } = await submitPaper({
        store: services.store,
        arxiv: services.arxivLookup,
        gates: config.community,
        calendar: services.submissionCalendar,
        viewer: request.viewer,
        arxivId,
      });
      return reply.status(201).send({ paper: paperToJson(paper), listing: listingToJson(listing) });
    },
  );
}
