// Cite and export as downloads, one route per list: a paper (/papers/{id}/cite.bib|ris|csl.json), a collection and an
// author's papers (…/export.bib|ris|csl.json), a search (/search/export.bib?q=…, the same query parameters as
// /search); and the collection page's import form. Formats and caps: citations/citations.models.ts, docs/citations.md.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { citationsEmpty, citationsMalformed, citationsTooLarge } from '../../citations/citations.errors.js';
import { EXPORT_CAP, EXPORT_FORMATS, type ExportFormat, exportFormats } from '../../citations/citations.models.js';
import {
  authorExport,
  type CitationExport,
  collectionExport,
  formatCitations,
  importIntoCollection,
  paperExport,
} from '../../citations/citations.usecases.js';
import { getCollection } from '../../community/collections.usecases.js';
import { papersLikeText, searchPapers } from '../../papers/search.usecases.js';
import type { Services } from '../../services.js';
import { refusalToShow, renderRefusal } from '../form-refusal.js';
import { pageChrome } from '../plugins/chrome.js';
import {
  exampleText,
  SEARCH_QUERY_INVALID,
  type SearchQueryString,
  searchQuerySchema,
  toSearchRequest,
} from '../search-query.js';
import { validated } from '../validation.js';
import { importPage } from '../views/citation-views.js';
import { field, handleCommunityErrors, membersOnly, sendHtml } from './community-http.js';

interface CitationRouteDeps {
  services: Services;
}

/** The form's body is urlencoded, which can triple a bibliography's size; the use case checks the decoded text. */
export const IMPORT_FORM_BODY_LIMIT = 3_500_000;

const BIBLIOGRAPHY_REFUSALS = [citationsMalformed, citationsEmpty, citationsTooLarge];

/** ASCII file names only: every browser honours them (the export's own name is in the content). */
const fileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100) || 'citations';

export function sendExport(reply: FastifyReply, opts: CitationExport & { format: ExportFormat; shared: boolean }) {
  const { contentType, extension } = EXPORT_FORMATS[opts.format];
  return reply
    .type(contentType)
    .header('content-disposition', `attachment; filename="${fileName(opts.name)}.${extension}"`)
    .header('cache-control', opts.shared ? 'public, max-age=300' : 'private, no-cache')
    .send(formatCitations(opts.papers, opts.format));
}

export function setupPaperCiteRoutes(app: FastifyInstance, { services }: CitationRouteDeps) {
  for (const format of exportFormats) {
    app.get<{ Params: { id: string } }>(
      `/papers/:id/cite.${format}`,
      { schema: { hide: true } },
      async (request, reply) =>
        sendExport(reply, { ...(await paperExport(services.store, request.params.id)), format, shared: true }),
    );
    // Old-style ids ("hep-th/9901001") span two path segments.
    app.get<{ Params: { archive: string; num: string } }>(
      `/papers/:archive/:num/cite.${format}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const idText = `${request.params.archive}/${request.params.num}`;
        return sendExport(reply, { ...(await paperExport(services.store, idText)), format, shared: true });
      },
    );
  }
}

export function setupCollectionExportRoutes(app: FastifyInstance, { services }: CitationRouteDeps) {
  for (const format of exportFormats) {
    app.get<{ Params: { id: string } }>(`/collections/:id/export.${format}`, async (request, reply) => {
      const found = await collectionExport({ store: services.store, viewer: request.viewer, id: request.params.id });
      // A private collection's export is its owner's alone: never kept by a shared cache.
      return sendExport(reply, { ...found, format, shared: false });
    });
  }
}

export function setupAuthorExportRoutes(app: FastifyInstance, { services }: CitationRouteDeps) {
  for (const format of exportFormats) {
    app.get<{ Params: { slug: string } }>(
      `/authors/:slug/export.${format}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const found = await authorExport({ store: services.store, slug: request.params.slug.slice(0, 300) });
        return sendExport(reply, { ...found, format, shared: true });
      },
    );
  }
}

/** The query's first EXPORT_CAP results in the order the search page shows them. */
export function setupSearchExportRoutes(app: FastifyInstance, { services }: CitationRouteDeps) {
  const { store, search, embeddings } = services;
  for (const format of exportFormats) {
    app.get<{ Querystring: SearchQueryString }>(
      `/search/export.${format}`,
      validated({ querystring: searchQuerySchema }, { code: SEARCH_QUERY_INVALID, extra: { hide: true } }),
      async (request, reply) => {
        // The first EXPORT_CAP results of the query, whatever page the reader was on.
        const q = { ...request.query, page: 1 };
        const like = exampleText(q);
        const papers = like
          ? await papersLikeText(store, search, like, EXPORT_CAP, embeddings)
          : (
              await searchPapers(
                store,
                search,
                toSearchRequest(q, { limit: EXPORT_CAP, defaultMode: services.config.search.defaultMode, embeddings }),
              )
            ).items.map((i) => i.paper);
        return sendExport(reply, { name: 'search', papers, format, shared: false });
      },
    );
  }
}

export function setupCollectionImportRoute(app: FastifyInstance, { services }: CitationRouteDeps) {
  const { store } = services;
  const { requireVerifiedEmail } = services.config.community;
  app.post<{ Params: { id: string } }>(
    '/collections/:id/import',
    { config: membersOnly, bodyLimit: IMPORT_FORM_BODY_LIMIT },
    async (request, reply) => {
      const text = field(request, 'bibliography');
      const id = request.params.id;
      try {
        const report = await importIntoCollection({ store, viewer: request.viewer, requireVerifiedEmail, id, text });
        const { collection } = await getCollection({ store, viewer: request.viewer, id });
        return sendHtml(reply, importPage({ chrome: await pageChrome(request, reply, services), collection, report }));
      } catch (error) {
        // Only a bibliography's own refusals are shown on the form, with the text kept; "no such collection",
        // "not yours" and "sign in" go to the usual handlers.
        const refusal = refusalToShow(error, { request });
        if (!BIBLIOGRAPHY_REFUSALS.some((refused) => refused.is(refusal))) throw error;
        const { collection } = await getCollection({ store, viewer: request.viewer, id });
        const chrome = await pageChrome(request, reply, services);
        // The text is kept for a fix, unless it was refused for its size (it would only be sent back).
        const kept = citationsTooLarge.is(refusal) ? '' : text;
        return renderRefusal(reply, refusal, importPage({ chrome, collection, text: kept, error: refusal.message }));
      }
    },
  );
}

export async function citationRoutes(app: FastifyInstance, deps: CitationRouteDeps) {
  handleCommunityErrors(app);
  setupPaperCiteRoutes(app, deps);
  setupCollectionExportRoutes(app, deps);
  setupAuthorExportRoutes(app, deps);
  setupSearchExportRoutes(app, deps);
  setupCollectionImportRoute(app, deps);
}
