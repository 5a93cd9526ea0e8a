// JSON shapes of the community API's answers (OpenAPI via @fastify/swagger); inputs are zod schemas in the domains'
// *.schemas.ts, given to Fastify by validated(). Errors use the shared `Error` schema.

import type { StoredCollection } from '../../community/collections.models.js';
import type { CommentNode } from '../../community/comments.models.js';
import { renderCommentMarkdown } from '../views/comment-markdown.js';

export const refusals = {
  400: { $ref: 'Error#' },
  401: { $ref: 'Error#' },
  403: { $ref: 'Error#' },
  404: { $ref: 'Error#' },
  409: { $ref: 'Error#' },
  429: { $ref: 'Error#' },
} as const;

export const userSchema = {
  type: ['object', 'null'],
  properties: {
    username: { type: 'string' },
    role: { type: 'string', enum: ['user', 'moderator', 'admin'] },
    emailVerified: { type: 'boolean' },
    suspended: { type: 'boolean' },
  },
} as const;

export const sessionSchema = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: {
    user: userSchema,
    csrfToken: {
      type: 'string',
      description: 'Send as the x-csrf-token header on writes authenticated by the session cookie',
    },
  },
} as const;

export const collectionSchema = {
  $id: 'Collection',
  type: 'object',
  required: ['id', 'owner', 'name', 'description', 'isPublic', 'paperCount', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'integer' },
    owner: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    isPublic: { type: 'boolean' },
    paperCount: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const commentSchema = {
  $id: 'Comment',
  type: 'object',
  required: ['id', 'parentId', 'username', 'state', 'body', 'html', 'byAuthor', 'createdAt', 'editedAt', 'children'],
  properties: {
    id: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    username: { type: ['string', 'null'], description: 'null for deleted and removed comments' },
    state: {
      type: 'string',
      enum: ['visible', 'hidden', 'deleted', 'removed'],
      description:
        'hidden: shown only to its author and moderators; deleted/removed: placeholders kept for their replies',
    },
    body: { type: 'string', description: 'Markdown source' },
    html: { type: 'string', description: 'Rendered HTML, safe to insert (raw HTML in the source is escaped)' },
    byAuthor: { type: 'boolean', description: 'The commenter is a verified author of the paper' },
    createdAt: { type: 'string', format: 'date-time' },
    editedAt: { type: ['string', 'null'], format: 'date-time' },
    children: { type: 'array', items: { $ref: 'Comment#' } },
  },
} as const;

export const threadSchema = {
  type: 'object',
  required: ['paper', 'count', 'comments'],
  properties: {
    paper: { type: 'string' },
    count: { type: 'integer', description: 'Visible comments' },
    comments: { type: 'array', items: { $ref: 'Comment#' } },
  },
} as const;

export const collectionWithPapersSchema = {
  type: 'object',
  required: ['collection', 'papers'],
  properties: {
    collection: { $ref: 'Collection#' },
    papers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['paper', 'addedAt'],
        properties: { paper: { $ref: 'Paper#' }, addedAt: { type: 'string', format: 'date-time' } },
      },
    },
  },
} as const;

export function collectionToJson(c: StoredCollection) {
  return {
    id: c.id,
    owner: c.owner,
    name: c.name,
    description: c.description,
    isPublic: c.isPublic,
    paperCount: c.itemCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** A thread node as JSON: the Markdown source and the same safe HTML the page shows. */
export function commentToJson(node: CommentNode): Record<string, unknown> {
  const live = node.state === 'visible' || node.state === 'hidden';
  return {
    id: node.id,
    parentId: node.parentId,
    username: live ? node.username : null,
    state: node.state,
    body: node.body,
    html: live ? renderCommentMarkdown(node.body).toString() : '',
    byAuthor: node.byAuthor,
    createdAt: node.createdAt,
    editedAt: node.editedAt,
    children: node.children.map(commentToJson),
  };
}
