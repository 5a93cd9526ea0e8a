import { arxivAbsUrl, arxivHtmlUrl, arxivPdfUrl } from '../../core/arxiv-id.js';
import type { StoredPaper } from '../../papers/papers.models.js';

// JSON shapes of the API. Fastify validates and serialises responses with them, and @fastify/swagger turns
// them into the OpenAPI document, so the schema, the docs and the output cannot drift apart.

const nullableString = { type: ['string', 'null'] } as const;

export const paperSchema = {
  $id: 'Paper',
  type: 'object',
  required: [
    'id',
    'version',
    'title',
    'abstract',
    'authors',
    'primaryCategory',
    'categories',
    'publishedAt',
    'updatedAt',
    'withdrawn',
    'urls',
  ],
  properties: {
    id: { type: 'string', description: 'Bare arXiv id', examples: ['2401.01234'] },
    version: { type: 'integer' },
    title: { type: 'string' },
    abstract: { type: 'string', description: 'Plain text with TeX math left as written' },
    authors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, affiliation: nullableString },
      },
    },
    primaryCategory: { type: 'string' },
    categories: { type: 'array', items: { type: 'string' } },
    comments: nullableString,
    journalRef: nullableString,
    doi: nullableString,
    license: nullableString,
    publishedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'date'],
        properties: {
          version: { type: 'integer' },
          date: { type: 'string', format: 'date-time' },
          size: nullableString,
        },
      },
    },
    withdrawn: { type: 'boolean' },
    codeUrl: nullableString,
    projectUrl: nullableString,
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'url'],
        properties: { kind: { type: 'string' }, url: { type: 'string' } },
      },
    },
    urls: {
      type: 'object',
      required: ['abs', 'pdf', 'html'],
      properties: { abs: { type: 'string' }, pdf: { type: 'string' }, html: { type: 'string' } },
    },
  },
} as const;

export const listingSchema = {
  $id: 'Listing',
  type: ['object', 'null'],
  required: ['listedOn', 'upvotes', 'submittedBy'],
  properties: {
    listedOn: { type: 'string', format: 'date' },
    upvotes: { type: 'integer' },
    submittedBy: nullableString,
  },
} as const;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
    },
  },
} as const;

export function paperToJson(paper: StoredPaper) {
  return {
    id: paper.arxivId,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors.map((a) => ({ name: a.name, affiliation: a.affiliation ?? null })),
    primaryCategory: paper.primaryCategory,
    categories: paper.categories,
    comments: paper.comments,
    journalRef: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    publishedAt: paper.publishedAt,
    updatedAt: paper.updatedAt,
    versions: paper.versions.map((v) => ({ version: v.version, date: v.date, size: v.size ?? null })),
    withdrawn: paper.withdrawn,
    codeUrl: paper.codeUrl,
    projectUrl: paper.projectUrl,
    links: paper.links,
    urls: { abs: arxivAbsUrl(paper.arxivId), pdf: arxivPdfUrl(paper.arxivId), html: arxivHtmlUrl(paper.arxivId) },
  };
}

export function listingToJson(listing: { listedOn: string; upvotes: number; submittedBy: string | null } | null) {
  return listing ? { listedOn: listing.listedOn, upvotes: listing.upvotes, submittedBy: listing.submittedBy } : null;
}
