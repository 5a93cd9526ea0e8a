// POST /api/v1/votes: set your upvote on a listed paper.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { voteSchema } from '../../community/votes.schemas.js';
import { castVote } from '../../community/votes.usecases.js';
import type { Services } from '../../services.js';
import type { Limiters } from '../plugins/rate-limits.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { members, REQUEST_INVALID, writerFirst } from './content-api.js';

export function setupSetVoteRoute(
  app: FastifyInstance,
  { services, limiters }: { services: Services; limiters: Limiters },
) {
  const { requireVerifiedEmail } = services.config.community;
  app.post(
    '/api/v1/votes',
    {
      config: members,
      preValidation: writerFirst({ requireVerifiedEmail }),
      preHandler: limiters.vote,
      ...validated(
        { body: voteSchema },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Set your upvote on a listed paper (idempotent: upvoted is the state you want)',
            response: {
              200: {
                type: 'object',
                properties: {
                  upvotes: { type: 'integer' },
                  upvoted: { type: 'boolean' },
                  changed: { type: 'boolean' },
                },
              },
              ...refusals,
            },
          },
        },
      ),
    },
    async (request) => {
      const body = request.body as z.output<typeof voteSchema>;
      return castVote({
        store: services.store,
        viewer: request.viewer,
        arxivId: body.paper,
        up: body.upvoted,
        requireVerifiedEmail,
      });
    },
  );
}
