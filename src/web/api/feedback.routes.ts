// /api/v1/feedback: a reader's "not interested" marks on recommendations. POST marks a paper, DELETE takes the mark
// back (both idempotent: `changed` says whether anything happened), GET lists the marks. Private to the reader.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { requireViewer } from '../../community/viewer.models.js';
import { FEEDBACK_INVALID, feedbackBodySchema } from '../../digest/recommend/feedback.schemas.js';
import { notInterestedPapers, setNotInterested } from '../../digest/recommend/feedback.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { members } from './content-api.js';
import { paperToJson } from './paper.schema.js';

type FeedbackBody = z.output<typeof feedbackBodySchema>;

const feedbackAnswer = {
  type: 'object',
  properties: {
    paper: { type: 'string', description: 'arXiv id' },
    kind: { type: 'string', enum: ['not_interested'] },
    notInterested: { type: 'boolean', description: 'The state now' },
    changed: { type: 'boolean', description: 'False when it already was' },
  },
} as const;

export function setupFeedbackApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const write = (summary: string, where: 'body' | 'querystring') => ({
    config: members,
    ...validated(
      { [where]: feedbackBodySchema },
      {
        code: FEEDBACK_INVALID,
        extra: { tags: ['recommendations'], summary, response: { 200: feedbackAnswer, ...refusals } },
      },
    ),
  });
  const handler =
    (notInterested: boolean, where: 'body' | 'querystring') =>
    async (request: { viewer: Parameters<typeof requireViewer>[0]; body: unknown; query: unknown }) => {
      const viewer = requireViewer(request.viewer);
      const input = (where === 'body' ? request.body : request.query) as FeedbackBody;
      const result = await setNotInterested({
        store: services.store,
        userId: viewer.id,
        paper: input.paper,
        notInterested,
      });
      return { paper: result.paper.arxivId, kind: input.kind, notInterested, changed: result.changed };
    };
  app.post(
    '/api/v1/feedback',
    write('Mark a paper "not interested": it is never recommended to you again, and your model learns from it', 'body'),
    handler(true, 'body'),
  );
  app.delete(
    '/api/v1/feedback',
    write('Take a "not interested" mark back (?paper=…)', 'querystring'),
    handler(false, 'querystring'),
  );
  app.get(
    '/api/v1/feedback',
    {
      config: members,
      schema: {
        tags: ['recommendations'],
        summary: 'Your "not interested" marks, newest first',
        response: {
          200: {
            type: 'object',
            properties: {
              notInterested: {
                type: 'array',
                items: { type: 'object', properties: { paper: { $ref: 'Paper#' }, at: { type: 'string' } } },
              },
            },
          },
          401: { $ref: 'Error#' },
        },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const marks = await notInterestedPapers({ store: services.store, userId: viewer.id });
      return { notInterested: marks.map((m) => ({ paper: paperToJson(m.paper), at: m.at })) };
    },
  );
}
