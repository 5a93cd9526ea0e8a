// Errors of comments. Each code is declared once (core/errors.ts); a raise may give a more precise message.
import { createErrorFactory } from '../core/errors.js';

export const commentEmpty = createErrorFactory({
  code: 'comments.empty',
  status: 400,
  message: 'Write something before posting.',
});

export const commentTooLong = createErrorFactory({
  code: 'comments.too_long',
  status: 400,
  message: 'That comment is too long.',
});

export const commentsClosed = createErrorFactory({
  code: 'comments.closed',
  status: 403,
  message: 'Comments are closed on this paper.',
});

export const commentNotFound = createErrorFactory({
  code: 'comments.not_found',
  status: 404,
  message: 'There is no such comment.',
});

export const commentGone = createErrorFactory({
  code: 'comments.gone',
  status: 409,
  message: 'This comment has been deleted.',
});

export const commentForbidden = createErrorFactory({
  code: 'comments.forbidden',
  status: 403,
  message: 'You can only change your own comments.',
});

export const commentDeleteUnconfirmed = createErrorFactory({
  code: 'comments.unconfirmed',
  status: 400,
  message: 'The comment is not deleted: confirm with “Yes, delete”.',
});
