// POST /api/v1/collections/{id}/import: a BibTeX or RIS file as the request body (text/plain, application/x-bibtex
// or application/x-research-info-systems), matched to stored papers by arXiv id or DOI; the answer says what was
// added and which entries were not found. A malformed file is a 400 and changes nothing.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { IMPORT_MAX_BYTES } from '../../citations/citations.models.js';
import { importIntoCollection } from '../../citations/citations.usecases.js';
import type { Services } from '../../services.js';
import { validated } from '../validation.js';
import { refusals } from './community.schema.js';
import { idParamsSchema, members, REQUEST_INVALID, writerFirst } from './content-api.js';

type IdParams = z.output<typeof idParamsSchema>;

const entryList = (extra: Record<string, unknown>) => ({
  type: 'array',
  items: { type: 'object', properties: { key: { type: 'string' }, ...extra } },
});

export async function citationImportApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const rules = { requireVerifiedEmail: services.config.community.requireVerifiedEmail };
  for (const type of ['application/x-bibtex', 'application/x-research-info-systems']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    );
  }
  app.post(
    '/api/v1/collections/:id/import',
    {
      config: members,
      bodyLimit: IMPORT_MAX_BYTES,
      preValidation: writerFirst(rules),
      ...validated(
        { params: idParamsSchema },
        {
          code: REQUEST_INVALID,
          extra: {
            tags: ['community'],
            summary: 'Import a BibTeX or RIS file into a collection (matched by arXiv id or DOI)',
            consumes: ['text/plain', 'application/x-bibtex', 'application/x-research-info-systems'],
            response: {
              200: {
                type: 'object',
                properties: {
                  format: { type: 'string', enum: ['bibtex', 'ris'] },
                  added: entryList({ arxivId: { type: 'string' } }),
                  alreadyThere: entryList({ arxivId: { type: 'string' } }),
                  unmatched: entryList({ title: { type: 'string' } }),
                },
              },
              ...refusals,
            },
          },
        },
      ),
    },
    async (request, reply) => {
      const { id } = request.params as IdParams;
      reply.header('cache-control', 'private, no-store');
      return importIntoCollection({
        store: services.store,
        viewer: request.viewer,
        ...rules,
        id,
        text: typeof request.body === 'string' ? request.body : '',
      });
    },
  );
}
