import type { FastifyInstance } from 'fastify';
import { getPaper } from '../../papers/papers.usecases.js';
import { papersLikeText, searchPapers, similarPapers } from '../../papers/search.usecases.js';
import type { Services } from '../../services.js';
import {
  exampleText,
  SEARCH_QUERY_INVALID,
  type SearchQueryString,
  searchApiQuerySchema,
  toSearchRequest,
} from '../search-query.js';
import { validated } from '../validation.js';
import { paperToJson } from './paper.schema.js';

const hitSchema = {
  type: 'object',
  required: ['paper', 'highlightedTitle', 'highlightedAbstract', 'score'],
  properties: {
    paper: { $ref: 'Paper#' },
    highlightedTitle: { type: ['string', 'null'], description: 'HTML-escaped title with <mark> around matches' },
    highlightedAbstract: { type: ['string', 'null'], description: 'HTML-escaped abstract excerpt with <mark>' },
    score: { type: 'number' },
  },
} as const;

const facetSchema = (valueType: 'string' | 'integer' | 'boolean') =>
  ({
    type: 'array',
    items: {
      type: 'object',
      required: ['value', 'count', 'exact'],
      properties: {
        value: { type: valueType },
        count: {
          type: 'integer',
          description: 'Papers the same search finds with this value chosen (capped, see exact)',
        },
        exact: { type: 'boolean', description: 'false: count is the cap, 1,000 — at least that many ("1,000+")' },
      },
    },
  }) as const;

function setupSearchApiRoute({ app, services }: { app: FastifyInstance; services: Services }) {
  const { store, search, embeddings } = services;
  app.get<{ Querystring: SearchQueryString & { limit?: number } }>(
    '/api/v1/search',
    {
      ...validated(
        { querystring: searchApiQuerySchema },
        {
          code: SEARCH_QUERY_INVALID,
          extra: {
            tags: ['search'],
            summary:
              'Search with the same query syntax and filters as the search page: keyword (BM25), semantic or hybrid (`mode`); `like` searches by example',
            response: {
              200: {
                type: 'object',
                required: ['total', 'totalExact', 'tookMs', 'items', 'facets', 'mode'],
                properties: {
                  mode: {
                    type: 'string',
                    enum: ['keyword', 'semantic', 'hybrid'],
                    description: 'The ranking actually used',
                  },
                  notice: {
                    type: ['string', 'null'],
                    description:
                      'Why a requested semantic/hybrid ranking fell back to keyword (e.g. no embedding model configured)',
                  },
                  requestedMode: {
                    type: 'string',
                    enum: ['keyword', 'semantic', 'hybrid'],
                    description:
                      'The ranking asked for (q mode or the site default); differs from mode when it could not run',
                  },
                  total: {
                    type: 'integer',
                    description: 'Matching papers: exact below 1,000; 1,000 with totalExact false means 1,000 or more',
                  },
                  totalExact: { type: 'boolean' },
                  suggestion: {
                    type: ['object', 'null'],
                    description:
                      'Spelling correction ("did you mean") when the query found few or no papers and a close, much more frequent spelling is in the index. applied: the items are the results of suggestion.text because the query as typed found none (send spell=false to get the empty answer instead)',
                    required: ['text', 'applied'],
                    properties: { text: { type: 'string' }, applied: { type: 'boolean' } },
                  },
                  tookMs: { type: 'number' },
                  items: { type: 'array', items: hitSchema },
                  facets: {
                    type: 'object',
                    properties: {
                      category: facetSchema('string'),
                      year: facetSchema('integer'),
                      hasCode: facetSchema('boolean'),
                    },
                  },
                },
              },
              400: { $ref: 'Error#' },
            },
          },
        },
      ),
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit ?? 20;
      const example = exampleText(q);
      if (example !== null) {
        const started = performance.now();
        const papers = await papersLikeText(store, search, example, limit, embeddings);
        return {
          mode: embeddings.model ? 'hybrid' : 'keyword',
          requestedMode: embeddings.model ? 'hybrid' : 'keyword',
          suggestion: null,
          notice: embeddings.model ? null : embeddings.unavailableReason(),
          total: papers.length,
          totalExact: true,
          tookMs: performance.now() - started,
          items: papers.map((p) => ({
            paper: paperToJson(p),
            highlightedTitle: null,
            highlightedAbstract: null,
            score: 0,
          })),
          facets: { category: [], year: [], hasCode: [] },
        };
      }
      const result = await searchPapers(
        store,
        search,
        toSearchRequest(q, { limit, defaultMode: services.config.search.defaultMode, embeddings }),
      );
      return {
        mode: result.mode,
        requestedMode: result.requestedMode,
        suggestion: result.spelling,
        notice: result.semanticNote,
        total: result.total,
        totalExact: result.totalExact,
        tookMs: result.tookMs,
        items: result.items.map((i) => ({
          paper: paperToJson(i.paper),
          highlightedTitle: i.highlightedTitle,
          highlightedAbstract: i.highlightedAbstract,
          score: i.score,
        })),
        facets: result.facets,
      };
    },
  );
}

function setupSimilarApiRoute({ app, services }: { app: FastifyInstance; services: Services }) {
  const { store, search } = services;
  app.get<{ Params: { '*': string }; Querystring: { limit?: number } }>(
    '/api/v1/similar/*',
    {
      schema: {
        tags: ['search'],
        summary: 'Papers similar to one paper (by arXiv id)',
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: 'Paper#' } } },
          },
          400: { $ref: 'Error#' },
          404: { $ref: 'Error#' },
        },
      },
    },
    async (request) => {
      const { paper } = await getPaper(store, request.params['*']);
      const similar = await similarPapers(store, search, paper, request.query.limit ?? 10);
      return { items: similar.map(paperToJson) };
    },
  );
}

export async function searchApiRoutes(app: FastifyInstance, opts: { services: Services }) {
  setupSearchApiRoute({ app, services: opts.services });
  setupSimilarApiRoute({ app, services: opts.services });
}
